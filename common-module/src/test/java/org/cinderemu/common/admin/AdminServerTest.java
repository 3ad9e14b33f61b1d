package org.cinderemu.common.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.vertx.ext.web.Router;
import org.cinderemu.common.chaos.ChaosControl;
import org.cinderemu.common.chaos.FaultControls;
import org.cinderemu.common.http.HttpServerLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin endpoint on a free loopback port: health, the Prometheus text, scrape-time refreshes, no bodies. */
class AdminServerTest {

  static {
    // groups register before the endpoint starts, as verticles do before ServiceRunner opens it
    ChaosControl.current().register(new FaultControls() {
      @Override
      public String name() {
        return "echo-test";
      }

      @Override
      public void mount(Router router, String base) {
        router.post(base).handler(ctx -> ctx.response().end(ctx.body().asString()));
      }
    });
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Vertx vertx;
  private ProcessMetrics metrics;
  private AdminServer server;

  @BeforeEach
  void start() throws Exception {
    metrics = ProcessMetrics.current();
    vertx = metrics.newVertx();
    server = AdminServer.start(vertx, new AdminOptions("127.0.0.1", 0), HttpServerLimits.DEFAULTS, metrics)
        .await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create(server.url() + path));
  }

  @Test
  void listensOnLoopbackOnAFreePortAndIsHealthy() throws Exception {
    assertThat(server.url()).matches("http://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
    HttpResponse<String> r = send(at("/healthcheck").GET());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("OK");
  }

  @Test
  void metricsAreTheRegistryInPrometheusTextFormat() throws Exception {
    Counter.builder("cinder_emulator_test_events").tag("kind", "a").register(metrics.registry()).increment(2);
    HttpResponse<String> r = send(at("/metrics").GET());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(AdminServer.TEXT_FORMAT);
    assertThat(r.body()).contains("# TYPE cinder_emulator_test_events_total counter",
        "cinder_emulator_test_events_total{kind=\"a\"} 2.0");
    // Vert.x's own HTTP server series, with the route label, from the scrape before
    assertThat(send(at("/metrics").GET()).body()).contains("vertx_http_server_requests_total{code=\"200\","
        + "method=\"GET\",route=\"/metrics\"}");
  }

  @Test
  void aScrapeRunsTheRefreshersFirst() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Runnable withdraw = metrics.onScrape(() -> {
      runs.incrementAndGet();
      return Future.succeededFuture();
    });
    try {
      send(at("/metrics").GET());
      assertThat(runs).hasValue(1);
    } finally {
      withdraw.run();
    }
    send(at("/metrics").GET());
    assertThat(runs).hasValue(1);
  }

  @Test
  void aRefresherThatNeverEndsDoesNotHoldTheScrapeForever() throws Exception {
    Runnable withdraw = metrics.onScrape(() -> Promise.promise().future());
    try {
      // answered after REFRESH_BOUND, well inside the client's 10 s timeout
      assertThat(send(at("/metrics").GET()).statusCode()).isEqualTo(200);
    } finally {
      withdraw.run();
    }
  }

  @Test
  void aBodyIsRefusedAndUnknownPathsAre404() throws Exception {
    assertThat(send(at("/metrics").POST(HttpRequest.BodyPublishers.ofString("x".repeat(100)))).statusCode())
        .isEqualTo(413);
    assertThat(send(at("/status").GET()).statusCode()).isEqualTo(404);
  }

  @Test
  void anH2cUpgradeIsDeclinedAndAnsweredInHttp11() throws Exception {
    // the JDK client asks for h2c by default; a server that accepts answers in HTTP/2 frames
    HttpClient upgrading = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpResponse<String> r = upgrading.send(at("/healthcheck").GET().timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
  }

  @Test
  void aFaultGroupGetsItsBoundedBodyUnderChaos() throws Exception {
    HttpResponse<String> echoed = send(at("/chaos/echo-test").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));
    assertThat(echoed.statusCode()).isEqualTo(200);
    assertThat(echoed.body()).isEqualTo("{\"a\":1}");
    String tooBig = "x".repeat(ChaosControl.BODY_LIMIT_BYTES + 1);
    assertThat(send(at("/chaos/echo-test").POST(HttpRequest.BodyPublishers.ofString(tooBig))).statusCode())
        .isEqualTo(413);
    assertThat(send(at("/chaos/no-such-group").GET()).statusCode()).isEqualTo(404);
  }
}
