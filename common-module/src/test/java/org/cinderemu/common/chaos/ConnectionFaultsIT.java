package org.cinderemu.common.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.RpcServer;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code connection} group against the real RabbitMQ: a dropped connection is recovered by the client (the
 * reconnect counted), its RPC server consumes again, and the other binary's connection is left alone.
 */
class ConnectionFaultsIT {

  static TestBroker broker;
  static Vertx vertx;
  static RpcTransport server;
  static RpcTransport caller;
  static HttpServer admin;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    broker = TestBroker.create();
    vertx = Vertx.vertx();
    RpcConfig config = RpcConfig.from(broker.apply(CinderConf.empty())
        .with(CinderConf.DEFAULT, "rpc_response_timeout", "10"));
    server = RpcTransport.connect(vertx, config, "chaos-echo").await();
    caller = RpcTransport.connect(vertx, config, "chaos-caller").await();
    new RpcServer(server, Target.server("echo-topic", "h1"),
        new RpcDispatcher("3.0").register("echo", (ctx, args) -> Future.succeededFuture(args))).start().await();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(ChaosControl.BODY_LIMIT_BYTES));
    new ConnectionFaults().mount(router, "/chaos/connection");
    admin = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    broker.close();
  }

  static HttpResponse<String> send(String method, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.actualPort() + path))
        .method(method, HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aDroppedConnectionIsRecoveredAndServesAgain() throws Exception {
    assertThat(new JsonObject(send("GET", "/chaos/connection", "").body()).encode())
        .contains("\"name\":\"" + server.connectionName() + "\"", "\"service\":\"chaos-echo\"");
    long before = server.stats().reconnects.get();

    HttpResponse<String> r = send("POST", "/chaos/connection/close", "{\"service\": \"chaos-echo\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getJsonArray("closed").getList()).containsExactly(server.connectionName());
    await().atMost(Duration.ofSeconds(20)).until(() -> server.stats().reconnects.get() > before);
    assertThat(caller.stats().reconnects.get()).isZero();
    // the recovered connection re-consumed: a call is answered
    Object reply = new RpcClient(caller).call(Target.server("echo-topic", "h1").withVersion("3.0"),
        RequestContext.admin(), "echo", new JsonObject().put("x", 1)).await(20, TimeUnit.SECONDS);
    assertThat(reply.toString()).contains("\"x\":1");
  }

  @Test
  void unknownServiceAndBadBodyAreRefused() throws Exception {
    HttpResponse<String> none = send("POST", "/chaos/connection/close", "{\"service\": \"cinder-nothing\"}");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.body()).contains("itemNotFound", "cinder-nothing");
    HttpResponse<String> bad = send("POST", "/chaos/connection/close", "[1,2");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("badRequest");
  }
}
