package org.cinderemu.common.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.db.TraceRepository;
import org.cinderemu.common.logging.LogContext;
import org.cinderemu.common.logging.LogContexts;
import org.cinderemu.common.rpc.IncomingMessage;
import org.cinderemu.common.rpc.OutgoingMessage;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcInterceptor;
import org.cinderemu.common.rpc.RpcRequest;
import org.cinderemu.common.testing.TestDatabases;
import org.cinderemu.common.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two services' recorders on one H2 database and a stand-in OTLP collector (a Vert.x HTTP server): a cast published
 * by one and handled by the other lands in the trace tables with both sides, travels with osprofiler's trace_info,
 * and reaches the collector as producer and consumer spans of one trace, parent to child.
 */
class TraceRecordingIT {

  private static final String REQ = "req-6d1f1c4e-2b0a-4c43-9a35-0a4f2b9e7d11";
  private static final String VOL = "4f6e2a9c-1111-4222-8333-944455556666";

  static Vertx vertx;
  static TestDatabase testDb;
  static Database db;
  static HttpServer collector;
  static final List<JsonObject> posted = new CopyOnWriteArrayList<>();
  static final List<String> paths = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    testDb = TestDatabases.create(Dialect.H2);
    db = Database.open(vertx, testDb.url()).await(30, TimeUnit.SECONDS);
    collector = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      paths.add(req.method() + " " + req.path() + " " + req.getHeader("Content-Type"));
      posted.add(body.toJsonObject());
      req.response().setStatusCode(200).end("{}");
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  private static TraceRecorder recorder(String binary, String host, int bufferSize) {
    String otlp = "http://127.0.0.1:" + collector.actualPort();
    return new TraceRecorder(vertx, db, new TraceOptions(true, bufferSize, 24, otlp), binary, host);
  }

  @Test
  void aCastIsRecordedOnBothSidesAndExportedAsParentAndChildSpans() throws Exception {
    TraceRecorder api = recorder("cinder-api", "ctl", 100);
    TraceRecorder scheduler = recorder("cinder-scheduler", "ctl", 100);
    RpcInterceptor apiSide = api.interceptor();
    RpcInterceptor schedulerSide = scheduler.interceptor();
    RequestContext ctx = RequestContext.user("u", "p", REQ, null, null);
    RpcRequest cast = RpcRequest.cast(ctx, "create_volume", new JsonObject().put("volume_id", VOL), "3.0");
    OutgoingMessage out = new OutgoingMessage("openstack", "cinder-scheduler", cast.toInner(), null,
        OutgoingMessage.Kind.CAST);

    apiSide.beforePublish(out).await(10, TimeUnit.SECONDS);
    JsonObject traceInfo = out.inner().getJsonObject("_context_trace_info");
    assertThat(traceInfo.getString("base_id")).isEqualTo(REQ.substring(4));
    assertThat(traceInfo.fieldNames()).containsExactlyInAnyOrder("hmac_key", "base_id", "parent_id");

    // the scheduler handles it on the message's own context and casts on from there, as RpcServer runs handlers
    IncomingMessage in = new IncomingMessage("cinder-scheduler", RpcRequest.fromInner(out.inner()));
    RpcRequest next = RpcRequest.cast(ctx, "create_volume", new JsonObject().put("volume_id", VOL), "3.9");
    Promise<Void> handled = Promise.promise();
    LogContexts.runAs(vertx, LogContext.of(ctx), () -> schedulerSide.beforeDispatch(in)
        .compose(x -> schedulerSide.beforePublish(new OutgoingMessage("openstack", "cinder-volume.ctl@w.ctl",
            next.toInner(), null, OutgoingMessage.Kind.CAST)))
        .onComplete(x -> {
          scheduler.statusChanged("volumes", VOL, List.of("creating"), "available");
          scheduler.statusChanged("backups", VOL, List.of("creating"), "creating"); // no transition: not recorded
          schedulerSide.afterDispatch(in, null);
          handled.complete();
        }));
    handled.future().await(10, TimeUnit.SECONDS);
    Future.all(api.flush(), scheduler.flush()).await(30, TimeUnit.SECONDS);

    TraceRepository traces = new TraceRepository(db);
    List<Hop> hops = traces.hopsOf(List.of(REQ)).await(10, TimeUnit.SECONDS);
    assertThat(hops).extracting(h -> h.side() + " " + h.binary() + " " + h.version()).containsExactlyInAnyOrder(
        "PUBLISH cinder-api 3.0", "CONSUME cinder-scheduler 3.0", "PUBLISH cinder-scheduler 3.9");
    Hop consumed = hops.stream().filter(h -> h.side() == Hop.Side.CONSUME).findFirst().orElseThrow();
    assertThat(consumed.queue()).isEqualTo("cinder-scheduler");
    assertThat(consumed.resourceId()).isEqualTo(VOL);
    assertThat(consumed.finishedAt()).isAfterOrEqualTo(consumed.at());
    assertThat(traces.statusChangesOf(List.of(REQ)).await(10, TimeUnit.SECONDS))
        .extracting(c -> c.from() + " -> " + c.to()).containsExactly("creating -> available");

    await().atMost(Duration.ofSeconds(10)).until(() -> spans().size() == 3);
    assertThat(paths).allMatch(p -> p.equals("POST /v1/traces application/json"));
    JsonObject producer = span("cinder-api", 4);
    JsonObject consumer = span("cinder-scheduler", 5);
    JsonObject onward = span("cinder-scheduler", 4);
    assertThat(List.of(producer, consumer, onward)).extracting(s -> s.getString("traceId"))
        .containsOnly(REQ.substring(4).replace("-", ""));
    assertThat(consumer.getString("parentSpanId")).isEqualTo(producer.getString("spanId"));
    assertThat(onward.getString("parentSpanId")).as("a cast made while handling names the handler's span")
        .isEqualTo(consumer.getString("spanId"));
  }

  @Test
  void aFullBufferDropsAndCountsInsteadOfWaiting() {
    TraceRecorder small = new TraceRecorder(vertx, db, new TraceOptions(true, 2, 24, null), "cinder-volume", "x");
    for (int i = 0; i < 5; i++) {
      small.statusChanged("backups", "b" + i, null, "creating");
    }
    assertThat(small.dropped()).isEqualTo(3);
  }

  private static List<JsonObject> spans() {
    return posted.stream()
        .flatMap(p -> p.getJsonArray("resourceSpans").stream().map(JsonObject.class::cast))
        .flatMap(rs -> {
          String service = OtlpSpansTest.attributes(rs.getJsonObject("resource").getJsonArray("attributes"))
              .get("service.name");
          return rs.getJsonArray("scopeSpans").getJsonObject(0).getJsonArray("spans").stream()
              .map(s -> ((JsonObject) s).copy().put("service", service));
        })
        .filter(s -> OtlpSpansTest.attributes(s.getJsonArray("attributes")).get("cinder.request_id").equals(REQ))
        .toList();
  }

  private static JsonObject span(String service, int kind) {
    return spans().stream().filter(s -> service.equals(s.getString("service")) && s.getInteger("kind") == kind)
        .findFirst().orElseThrow(() -> new AssertionError("no span of kind " + kind + " from " + service + " in "
            + new JsonArray(spans()).encodePrettily()));
  }
}
