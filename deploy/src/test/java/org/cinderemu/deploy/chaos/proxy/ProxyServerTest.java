package org.cinderemu.deploy.chaos.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each toxic on the proxy alone, between a blocking client and a local echo server (which closes a connection
 * that sends "close"). Timings are asserted loosely: a lower bound the toxic must cause, generous upper bounds.
 */
class ProxyServerTest {

  static Vertx vertx;
  static NetServer echo;
  static ProxyServer server;
  static ProxyClient control;
  static int proxyPort;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    echo = vertx.createNetServer().connectHandler(s -> s.handler(b -> {
      if (b.toString(StandardCharsets.UTF_8).contains("close")) {
        s.close();
      } else {
        s.write(b);
      }
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    server = ProxyServer.deploy(vertx, "127.0.0.1", 0, List.of(new ProxySpec("echo",
        Endpoint.listen("127.0.0.1:0"), new Endpoint("127.0.0.1", echo.actualPort())))).await(10, TimeUnit.SECONDS);
    control = new ProxyClient(server.controlUrl());
    proxyPort = Endpoint.parse(control.proxy("echo").getString("listen")).port();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void clean() {
    control.reset();
  }

  static Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", proxyPort);
    s.setSoTimeout(10_000);
    return s;
  }

  static void send(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
  }

  static String read(Socket s, int bytes) throws IOException {
    byte[] got = s.getInputStream().readNBytes(bytes);
    return new String(got, StandardCharsets.UTF_8);
  }

  static long millisSince(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  static void toxic(String json) {
    control.addToxic("echo", new JsonObject(json));
  }

  @Test
  void bytesPassBothWaysAndTheListingIsToxiproxysShape() throws Exception {
    try (Socket s = connect()) {
      send(s, "hello");
      assertThat(read(s, 5)).isEqualTo("hello");
      JsonObject p = control.proxies().getJsonObject("echo");
      assertThat(p.getString("upstream")).isEqualTo("127.0.0.1:" + echo.actualPort());
      assertThat(p.getBoolean("enabled")).isTrue();
      assertThat(p.getInteger("connections")).isEqualTo(1);
      assertThat(p.getJsonArray("toxics")).isEmpty();
    }
  }

  @Test
  void latencyDelaysEachDirection() throws Exception {
    toxic("{\"type\": \"latency\", \"stream\": \"downstream\", \"attributes\": {\"latency\": 300, \"jitter\": 50}}");
    toxic("{\"type\": \"latency\", \"stream\": \"upstream\", \"attributes\": {\"latency\": 200}}");
    assertThat(control.toxics("echo").encode()).contains("latency_downstream", "latency_upstream");
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      send(s, "ping");
      assertThat(read(s, 4)).isEqualTo("ping");
      assertThat(millisSince(t0)).isBetween(420L, 8_000L);  // 200 up + 300 ± 50 down
    }
  }

  @Test
  void bandwidthBoundsTheRate() throws Exception {
    toxic("{\"type\": \"bandwidth\", \"stream\": \"upstream\", \"attributes\": {\"rate\": 50}}");
    String payload = "x".repeat(100 * 1024);
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      send(s, payload);
      assertThat(read(s, payload.length())).hasSize(payload.length());
      assertThat(millisSince(t0)).isBetween(1_500L, 15_000L);  // 100 KB at 50 KB/s: 2 s
    }
  }

  @Test
  void timeoutZeroStopsTheDataUntilRemoved() throws Exception {
    try (Socket s = connect()) {
      toxic("{\"type\": \"timeout\", \"stream\": \"upstream\", \"attributes\": {\"timeout\": 0}}");
      send(s, "lost");
      s.setSoTimeout(700);
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      control.removeToxic("echo", "timeout_upstream");
      s.setSoTimeout(10_000);
      send(s, "back");
      assertThat(read(s, 4)).isEqualTo("back");  // what was sent meanwhile is gone
    }
  }

  @Test
  void timeoutClosesTheConnectionAfterItsTime() throws Exception {
    toxic("{\"type\": \"timeout\", \"attributes\": {\"timeout\": 300}}");
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      send(s, "ping");
      assertThat(s.getInputStream().read()).isEqualTo(-1);  // the echo never came back; then the close
      assertThat(millisSince(t0)).isBetween(250L, 8_000L);
    }
  }

  @Test
  void resetPeerResetsTheConnection() throws Exception {
    try (Socket s = connect()) {
      send(s, "ok");
      assertThat(read(s, 2)).isEqualTo("ok");
      long t0 = System.nanoTime();
      toxic("{\"type\": \"reset_peer\", \"attributes\": {\"timeout\": 200}}");
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
      assertThat(millisSince(t0)).isBetween(150L, 8_000L);
    }
  }

  @Test
  void slowCloseDelaysTheClose() throws Exception {
    toxic("{\"type\": \"slow_close\", \"stream\": \"downstream\", \"attributes\": {\"delay\": 600}}");
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      send(s, "close");  // the echo server closes at once
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      assertThat(millisSince(t0)).isBetween(550L, 8_000L);
    }
  }

  @Test
  void aToxicOfToxicityZeroDoesNotApply() throws Exception {
    toxic("{\"type\": \"timeout\", \"toxicity\": 0, \"attributes\": {\"timeout\": 0}}");
    try (Socket s = connect()) {
      send(s, "free");
      assertThat(read(s, 4)).isEqualTo("free");
    }
  }

  @Test
  void aPartitionHoldsTheDataUntilItEnds() throws Exception {
    try (Socket s = connect()) {
      control.partition("echo", true, false);
      assertThat(control.proxy("echo").getBoolean("partitioned")).isTrue();
      send(s, "held");
      s.setSoTimeout(700);
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      control.partition("echo", false, false);
      s.setSoTimeout(10_000);
      assertThat(read(s, 4)).isEqualTo("held");
    }
  }

  @Test
  void aPartitionThatDropsResetsAndRefusesUntilItEnds() throws Exception {
    try (Socket s = connect()) {
      send(s, "ok");
      assertThat(read(s, 2)).isEqualTo("ok");
      control.partition("echo", true, true);
      assertThatThrownBy(() -> {
        InputStream in = s.getInputStream();
        if (in.read() == -1) {
          throw new SocketException("closed");
        }
      }).isInstanceOf(SocketException.class);
    }
    try (Socket refused = connect()) {
      assertThat(refused.getInputStream().read()).isEqualTo(-1);
    } catch (SocketException reset) {
      // closed before the connect finished: refused as well
    }
    control.partition("echo", false, false);
    try (Socket s = connect()) {
      send(s, "again");
      assertThat(read(s, 5)).isEqualTo("again");
    }
  }

  @Test
  void aDisabledProxyListensOnNothingAndComesBackOnItsPort() throws Exception {
    control.setEnabled("echo", false);
    // the fresh-clone run once connected right after the disable: wait for the refusal rather than race the close
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThatThrownBy(() -> connect().close()).isInstanceOf(ConnectException.class));
    control.setEnabled("echo", true);
    try (Socket s = connect()) {
      send(s, "up");
      assertThat(read(s, 2)).isEqualTo("up");
    }
  }

  @Test
  void badInputIsRefusedInCindersShape() {
    assertThatThrownBy(() -> toxic("{\"type\": \"nonsense\"}")).hasMessageContaining("400")
        .hasMessageContaining("unknown toxic type");
    assertThatThrownBy(() -> toxic("{\"type\": \"latency\", \"attributes\": {\"latency\": -1}}"))
        .hasMessageContaining("400");
    assertThatThrownBy(() -> toxic("{\"type\": \"latency\", \"attributes\": {\"rate\": 5}}"))
        .hasMessageContaining("no attribute 'rate'");
    assertThatThrownBy(() -> control.proxy("nowhere")).hasMessageContaining("404");
    toxic("{\"type\": \"latency\", \"name\": \"slow\"}");
    assertThatThrownBy(() -> toxic("{\"type\": \"latency\", \"name\": \"slow\"}")).hasMessageContaining("409");
    assertThatThrownBy(() -> control.removeToxic("echo", "none")).hasMessageContaining("404");
    assertThatThrownBy(() -> Endpoint.listen("192.0.2.1:80")).hasMessageContaining("loopback only");
  }
}
