package org.cinderemu.api;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.rpc.OutgoingMessage;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.RpcInterceptor;
import org.cinderemu.common.rpc.RpcServer;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.testing.TestBroker;
import org.cinderemu.common.testing.TestDatabases;

/**
 * A running cinder-api for integration tests: a private broker vhost, a fresh database, the verticle on an
 * ephemeral port, and fake peers that record what the API casts: a scheduler (answering get_pools with
 * {@link #pools}) and the volume service of backend {@value #BACKEND}.
 */
public final class ApiStack implements AutoCloseable {

  public static final String PROJECT = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  public static final String OTHER_PROJECT = "aaaabbbbccccddddeeeeffff00001111";
  public static final String USER = "alice";
  public static final String BACKEND = "node1@lvm";
  public static final String POOL_HOST = BACKEND + "#lvm";

  /** One message a fake peer received. */
  public record Received(String method, RequestContext context, JsonObject args) {
  }

  public final Vertx vertx;
  public final List<Received> schedulerCasts = new CopyOnWriteArrayList<>();
  public final List<Received> volumeCasts = new CopyOnWriteArrayList<>();
  /** What the fake scheduler answers to get_pools (the filters it got are recorded too). */
  public volatile JsonArray pools = new JsonArray();
  /** RPC methods whose publishes by the API fail while listed, as when the broker cannot take them. */
  public final Set<String> failingPublishes = ConcurrentHashMap.newKeySet();

  private final TestBroker broker;
  private final TestDatabases.TestDatabase database;
  private final WebClient client;
  private final ApiVerticle verticle;
  private final Database db;
  private final RpcTransport peers;
  private final int port;
  private final String deploymentId;

  private ApiStack(Vertx vertx, TestBroker broker, TestDatabases.TestDatabase database, CinderConf conf)
      throws Exception {
    this.vertx = vertx;
    this.broker = broker;
    this.database = database;
    this.db = join(Database.open(vertx, database.url()));
    this.peers = join(RpcTransport.connect(vertx, RpcConfig.from(conf), "test-peers"));
    RpcDispatcher scheduler = new RpcDispatcher("3.12");
    for (String method : List.of("create_volume", "extend_volume", "migrate_volume")) {
      scheduler.register(method, (ctx, args) -> {
        schedulerCasts.add(new Received(method, ctx, args));
        return Future.succeededFuture();
      });
    }
    scheduler.register("get_pools", (ctx, args) -> {
      schedulerCasts.add(new Received("get_pools", ctx, args));
      return Future.succeededFuture(pools);
    });
    RpcDispatcher volume = new RpcDispatcher("3.18");
    volume.register("delete_volume", (ctx, args) -> {
      volumeCasts.add(new Received("delete_volume", ctx, args));
      return Future.succeededFuture();
    });
    join(new RpcServer(peers, Target.server("cinder-scheduler", "test"), scheduler).start());
    join(new RpcServer(peers, Target.server("cinder-volume." + BACKEND, "node1"), volume).start());
    this.verticle = new ApiVerticle(conf);
    this.deploymentId = join(vertx.deployVerticle(verticle));
    verticle.transport().addInterceptor(new RpcInterceptor() {
      @Override
      public Future<OutgoingMessage> beforePublish(OutgoingMessage message) {
        return failingPublishes.contains(message.method()) ? Future.failedFuture(new IllegalStateException(
            "test: publish of " + message.method() + " refused")) : Future.succeededFuture(message);
      }
    });
    this.port = verticle.actualPort();
    this.client = WebClient.create(vertx);
  }

  /** Everything up on a fresh database of {@code dialect}; extra options as section/key/value triples. */
  public static ApiStack start(Dialect dialect, String... options) throws Exception {
    TestBroker broker = TestBroker.create();
    TestDatabases.TestDatabase database = TestDatabases.create(dialect);
    Vertx vertx = Vertx.vertx();
    try {
      CinderConf conf = broker.apply(CinderConf.empty())
          .with("DEFAULT", "osapi_volume_listen_port", "0")
          .with("DEFAULT", "rpc_response_timeout", "10")
          .with("DEFAULT", "storage_availability_zone", "nova");
      conf = withDatabase(conf, database);
      for (int i = 0; i + 2 < options.length; i += 3) {
        conf = conf.with(options[i], options[i + 1], options[i + 2]);
      }
      return new ApiStack(vertx, broker, database, conf);
    } catch (Exception | Error e) {
      join(vertx.close());
      database.close();
      broker.close();
      throw e;
    }
  }

  // H2 lives in a state directory (user sa); the servers are named by an SQLAlchemy-style url
  private static CinderConf withDatabase(CinderConf conf, TestDatabases.TestDatabase database) {
    String jdbc = database.url().jdbcUrl();
    if (database.url().dialect() == Dialect.H2) {
      Matcher m = Pattern.compile("jdbc:h2:file:(.*)/cinder;.*").matcher(jdbc);
      if (!m.matches()) {
        throw new IllegalStateException("unexpected H2 url " + jdbc);
      }
      return conf.with("DEFAULT", "state_path", Path.of(m.group(1)).toString());
    }
    String scheme = database.url().dialect() == Dialect.MARIADB ? "mysql+pymysql" : "postgresql";
    String rest = jdbc.substring(jdbc.indexOf("://") + 3);
    return conf.with("database", "connection", scheme + "://" + database.url().user() + "@" + rest);
  }

  public Database db() {
    return db;
  }

  /** The API's ephemeral port. */
  public int port() {
    return port;
  }

  public static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  // ---- HTTP ----

  public HttpResponse<Buffer> request(HttpMethod method, String path, Object body, String... headers)
      throws Exception {
    return join(send(method, path, body, headers));
  }

  /** {@link #request} without waiting for the answer, so that a test can have many in flight at once. */
  public Future<HttpResponse<Buffer>> send(HttpMethod method, String path, Object body, String... headers) {
    HttpRequest<Buffer> req = client.request(method, port, "127.0.0.1", "/v3/" + PROJECT + path)
        .putHeader("X-Auth-Token", USER + ":" + PROJECT);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    if (body == null) {
      return req.send();
    }
    req.putHeader("Content-Type", "application/json");
    Buffer buffer = body instanceof String s ? Buffer.buffer(s) : Buffer.buffer(io.vertx.core.json.Json.encode(body));
    return req.sendBuffer(buffer);
  }

  public HttpResponse<Buffer> get(String path, String... headers) throws Exception {
    return request(HttpMethod.GET, path, null, headers);
  }

  public HttpResponse<Buffer> post(String path, Object body, String... headers) throws Exception {
    return request(HttpMethod.POST, path, body, headers);
  }

  public HttpResponse<Buffer> put(String path, Object body, String... headers) throws Exception {
    return request(HttpMethod.PUT, path, body, headers);
  }

  public HttpResponse<Buffer> delete(String path, String... headers) throws Exception {
    return request(HttpMethod.DELETE, path, null, headers);
  }

  /** As another project's user (for project scoping). */
  public HttpResponse<Buffer> getAs(String project, String path, String... headers) throws Exception {
    HttpRequest<Buffer> req = client.request(HttpMethod.GET, port, "127.0.0.1", "/v3/" + project + path)
        .putHeader("X-Auth-Token", "bob:" + project);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    return join(req.send());
  }

  public HttpResponse<Buffer> postAs(String project, String path, Object body) throws Exception {
    return join(client.request(HttpMethod.POST, port, "127.0.0.1", "/v3/" + project + path)
        .putHeader("X-Auth-Token", "bob:" + project).putHeader("Content-Type", "application/json")
        .sendBuffer(body instanceof String raw ? Buffer.buffer(raw)
            : Buffer.buffer(io.vertx.core.json.Json.encode(body))));
  }

  // ---- fixtures ----

  /** A volume service row of {@code host} in {@code zone} that has just reported (up). */
  public Service volumeService(String host, String zone) throws Exception {
    Service s = join(db.services().register(Service.builder().host(host).binary("cinder-volume")
        .topic("cinder-volume").availabilityZone(zone).rpcCurrentVersion("3.18").objectCurrentVersion("1.39")
        .build()));
    join(db.services().heartbeat(s.id()));
    return join(db.services().get(s.id()));
  }

  public Received awaitSchedulerCast(String method) {
    return awaitCast(schedulerCasts, method);
  }

  public Received awaitVolumeCast(String method) {
    return awaitCast(volumeCasts, method);
  }

  /** The latest {@code method} cast whose arguments name {@code resourceId}: an earlier test's cast never matches. */
  public Received awaitVolumeCast(String method, String resourceId) {
    return awaitCast(volumeCasts, method, resourceId);
  }

  private static Received awaitCast(List<Received> casts, String method) {
    return awaitCast(casts, method, "");
  }

  private static Received awaitCast(List<Received> casts, String method, String about) {
    Predicate<Received> wanted = c -> c.method().equals(method) && c.args().encode().contains(about);
    await().atMost(Duration.ofSeconds(15)).until(() -> casts.stream().anyMatch(wanted));
    return casts.stream().filter(wanted).reduce((a, b) -> b).orElseThrow();
  }

  public Map<String, Integer> inUse(String project) throws Exception {
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    join(db.quotas().usage(project)).forEach((k, v) -> out.put(k, v.inUse()));
    return out;
  }

  @Override
  public void close() throws Exception {
    try {
      client.close();
      join(vertx.undeploy(deploymentId));
      join(peers.close());
      join(db.close());
      join(vertx.close());
    } finally {
      try {
        database.close();
      } finally {
        broker.close();
      }
    }
  }
}
