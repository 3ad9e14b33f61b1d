package org.cinderemu.volume.driver;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver group's routes over HTTP, on a process with two backends. */
class DriverFaultControlsTest {

  private final DriverFaults faults = new DriverFaults();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int[] reports = new int[1];
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    faults.register("h@a", () -> reports[0]++);
    faults.register("h@b", () -> { });
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    new DriverFaultControls(faults).mount(router, "/chaos/driver");
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void putOneBackendThenListThenClear() throws Exception {
    HttpResponse<String> put = send("PUT", "/chaos/driver/h@a", "{\"error_rate\": 0.5, \"operations\": [\"create_volume\"]}");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(put.body()).getJsonObject("fault").getDouble("error_rate")).isEqualTo(0.5);
    assertThat(reports[0]).isEqualTo(1);
    JsonObject all = new JsonObject(send("GET", "/chaos/driver", null).body()).getJsonObject("backends");
    assertThat(all.fieldNames()).containsExactlyInAnyOrder("h@a", "h@b");
    assertThat(all.getJsonObject("h@b").getDouble("error_rate")).isZero();
    assertThat(send("DELETE", "/chaos/driver/h@a", null).statusCode()).isEqualTo(200);
    assertThat(faults.fault("h@a").isNone()).isTrue();
  }

  @Test
  void putWithoutABackendReachesEveryOneAndDeleteClearsThemAll() throws Exception {
    assertThat(send("PUT", "/chaos/driver", "{\"backend_state\": \"down\"}").statusCode()).isEqualTo(200);
    assertThat(faults.all().values()).allMatch(DriverFault::isDown);
    assertThat(send("DELETE", "/chaos/driver", null).statusCode()).isEqualTo(200);
    assertThat(faults.all().values()).allMatch(DriverFault::isNone);
  }

  @Test
  void theBodyMayNameTheBackendAsAnExperimentsArgumentsDo() throws Exception {
    assertThat(send("PUT", "/chaos/driver", "{\"backend\": \"h@b\", \"latency_ms\": 5}").statusCode()).isEqualTo(200);
    assertThat(faults.fault("h@b").latencyMs()).isEqualTo(5);
    assertThat(faults.fault("h@a").isNone()).isTrue();
    assertThat(send("PUT", "/chaos/driver/h@a", "{\"backend\": \"h@a\", \"latency_ms\": 7}").statusCode())
        .isEqualTo(200);
    assertThat(send("PUT", "/chaos/driver/h@a", "{\"backend\": \"h@b\"}").statusCode()).isEqualTo(400);
    assertThat(send("PUT", "/chaos/driver", "{\"backend\": \"h@zz\"}").statusCode()).isEqualTo(404);
    // an empty backend, as "/chaos/driver/" + "": every backend
    assertThat(send("PUT", "/chaos/driver/", "{\"backend\": \"\", \"backend_state\": \"down\"}").statusCode())
        .isEqualTo(200);
    assertThat(faults.all().values()).allMatch(DriverFault::isDown);
  }

  @Test
  void badBodiesAnswerInCindersFaultFormatAndChangeNothing() throws Exception {
    HttpResponse<String> bad = send("PUT", "/chaos/driver/h@a", "{\"latency_ms\": -1}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getJsonObject("badRequest").getString("message")).contains("latency_ms");
    assertThat(send("PUT", "/chaos/driver", "[1, 2]").statusCode()).isEqualTo(400);
    assertThat(send("PUT", "/chaos/driver", "{\"error_rate\": 1, \"typo\": 1}").statusCode()).isEqualTo(400);
    assertThat(faults.all().values()).allMatch(DriverFault::isNone);
    HttpResponse<String> unknown = send("GET", "/chaos/driver/h@zz", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("known: h@a, h@b");
  }
}
