package org.cinderemu.common.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.chaos.MessageRule.Direction;
import org.cinderemu.common.chaos.MessageRule.Probe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules group's routes on a book of its own: add, list, show, remove, clear, and bad rules refused. */
class RuleControlsTest {

  static Vertx vertx;
  static HttpServer server;
  static final RuleBook book = new RuleBook(new Random(1), Clock.systemUTC());
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route("/chaos/*").handler(BodyHandler.create(false).setBodyLimit(ChaosControl.BODY_LIMIT_BYTES));
    RuleControls controls = new RuleControls(book);
    controls.mount(router, "/chaos/" + controls.name());
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  static JsonObject json(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  @Test
  void aRuleAddedIsListedWithItsIdAndHitsThenRemoved() throws Exception {
    book.clear();
    HttpResponse<String> added = send("POST", "/chaos/rules",
        "{\"direction\": \"consume\", \"action\": \"drop\", \"method\": \"create_volume\", \"ttl_seconds\": 60}");
    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(added.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonObject rule = json(added).getJsonObject("rule");
    String id = rule.getString("id");
    assertThat(rule.getLong("hits")).isZero();
    assertThat(rule.getBoolean("active")).isTrue();
    assertThat(rule.getString("expires_at")).isNotNull();
    assertThat(rule.getString("action")).isEqualTo("drop");

    book.match(new Probe(Direction.CONSUME, "cinder-scheduler", "h", "cinder-scheduler", "create_volume"), () -> { });
    assertThat(json(send("GET", "/chaos/rules/" + id, null)).getJsonObject("rule").getLong("hits")).isEqualTo(1);
    JsonArray all = json(send("GET", "/chaos/rules", null)).getJsonArray("rules");
    assertThat(all).hasSize(1);
    assertThat(all.getJsonObject(0).getString("id")).isEqualTo(id);

    HttpResponse<String> removed = send("DELETE", "/chaos/rules/" + id, null);
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(json(removed).getJsonObject("rule").getLong("hits")).isEqualTo(1);
    HttpResponse<String> again = send("DELETE", "/chaos/rules/" + id, null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(json(again).getJsonObject("itemNotFound").getString("message")).contains(id);
  }

  @Test
  void anArrayIsAddedInOrderAndClearedAtOnce() throws Exception {
    book.clear();
    HttpResponse<String> added = send("POST", "/chaos/rules", "[{\"direction\": \"consume\", \"action\": \"drop\"},"
        + " {\"direction\": \"publish\", \"action\": \"delay\", \"delay_ms\": 5}]");
    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(json(added).getJsonArray("rules")).hasSize(2);
    assertThat(book.list()).extracting(s -> s.rule().action().wire()).containsExactly("drop", "delay");
    HttpResponse<String> cleared = send("DELETE", "/chaos/rules", null);
    assertThat(json(cleared).getJsonArray("rules")).hasSize(2);
    assertThat(book.list()).isEmpty();
  }

  @Test
  void badBodiesAreRefusedInCindersShapeAndAddNothing() throws Exception {
    book.clear();
    for (String body : new String[] {"", "{nope", "[]", "42", "[{\"direction\": \"consume\", \"action\": \"drop\"}, 7]",
        "{\"direction\": \"consume\", \"action\": \"drop\", \"count\": -1}"}) {
      HttpResponse<String> r = send("POST", "/chaos/rules", body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      JsonObject fault = json(r).getJsonObject("badRequest");
      assertThat(fault.getInteger("code")).isEqualTo(400);
      assertThat(fault.getString("message")).isNotBlank();
    }
    assertThat(book.list()).isEmpty();
    assertThat(send("GET", "/chaos/rules/unknown", null).statusCode()).isEqualTo(404);
  }
}
