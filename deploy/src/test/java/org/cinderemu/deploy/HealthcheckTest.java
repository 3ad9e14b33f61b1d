package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code up}'s check of cinder-api: oslo.middleware's healthy answer is 200 with body OK, nothing else. */
class HealthcheckTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private URI serve(AtomicInteger status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/healthcheck", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
      exchange.sendResponseHeaders(status.get(), bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return Healthcheck.of("http://127.0.0.1:" + server.getAddress().getPort() + "/v3");
  }

  @Test
  void theUrlIsBesideTheV3Endpoint() {
    assertThat(Healthcheck.of("http://127.0.0.1:8776/v3")).hasToString("http://127.0.0.1:8776/healthcheck");
  }

  @Test
  void healthyOnlyOn200Ok() throws IOException {
    AtomicInteger status = new AtomicInteger(503);
    URI uri = serve(status, "OK");
    assertThat(Healthcheck.healthy(uri)).isFalse();
    status.set(200);
    assertThat(Healthcheck.healthy(uri)).isTrue();
  }

  @Test
  void anotherBodyIsNotHealthy() throws IOException {
    URI uri = serve(new AtomicInteger(200), "<html>not cinder</html>");
    assertThat(Healthcheck.healthy(uri)).isFalse();
    assertThat(Healthcheck.isHealthy(200, "OK\n")).isTrue();
  }

  @Test
  void nothingListeningIsNotHealthy() throws IOException {
    int port = NetworkChecks.freeLoopbackPort();
    assertThat(Healthcheck.healthy(URI.create("http://127.0.0.1:" + port + "/healthcheck"))).isFalse();
  }
}
