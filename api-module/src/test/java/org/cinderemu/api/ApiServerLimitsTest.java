package org.cinderemu.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cinder-api's connection and request bounds, driven over raw sockets as a broken or hostile client would. */
class ApiServerLimitsTest {

  private static final String PROJECT = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long MIB = 1L << 20;

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private int start(String... options) throws Exception {
    CinderConf conf = CinderConf.empty().with("DEFAULT", "osapi_volume_listen_port", "0");
    for (int i = 0; i < options.length; i += 2) {
      conf = conf.with("DEFAULT", options[i], options[i + 1]);
    }
    ApiVerticle api = new ApiVerticle(conf, List.of());
    vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
    return api.actualPort();
  }

  @Test
  void anIdleConnectionIsClosedAfterClientSocketTimeout() throws Exception {
    int port = start("client_socket_timeout", "1");
    try (RawHttp conn = RawHttp.connect(port)) {
      conn.send("GET /healthcheck HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      // the answer comes, then the kept-alive connection carries nothing and is closed
      assertThat(conn.closedWithin(WAIT)).isTrue();
      assertThat(conn.received()).startsWith("HTTP/1.1 200").endsWith("OK");
    }
  }

  @Test
  void aRequestUnansweredInTimeGetsAServiceUnavailableFault() throws Exception {
    int port = start("emulator_request_timeout", "1");
    try (RawHttp conn = RawHttp.connect(port)) {
      conn.send("POST /v3/" + PROJECT + "/volumes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 500\r\n\r\n{\"volume\": {\"si");
      // answered, and the body that never ends is cut off with its connection
      assertThat(conn.closedWithin(WAIT)).isTrue();
      String received = conn.received();
      assertThat(received).startsWith("HTTP/1.1 503");
      JsonObject fault = new JsonObject(received.substring(received.indexOf("\r\n\r\n") + 4));
      assertThat(fault.getJsonObject("serviceUnavailable").getInteger("code")).isEqualTo(503);
    }
    assertStillServing(port);
  }

  @Test
  void anEndlessChunkedBodyIsRefusedAndCutOff() throws Exception {
    int port = start();
    long limit = 512 * MIB;
    long sent;
    try (RawHttp conn = RawHttp.connect(port)) {
      conn.send("POST /v3/" + PROJECT + "/volumes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n");
      sent = conn.stream(limit, true);
      assertThat(conn.closedWithin(WAIT)).isTrue();
      assertThat(conn.received()).startsWith("HTTP/1.1 413").contains("overLimit");
    }
    System.out.printf("endless chunked POST to the API: cut after %d MiB%n", sent / MIB);
    assertThat(sent).isLessThan(limit);
    assertStillServing(port);
  }

  private static void assertStillServing(int port) throws Exception {
    try (RawHttp conn = RawHttp.connect(port)) {
      conn.send("GET /healthcheck HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertThat(conn.closedWithin(WAIT)).isTrue();
      assertThat(conn.received()).startsWith("HTTP/1.1 200");
    }
  }
}
