package org.cinderemu.deploy;

import org.cinderemu.common.rpc.TransportUrl;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NetworkChecksTest {

  @Test
  void aListeningBrokerPasses() throws Exception {
    try (ServerSocket broker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      TransportUrl url = TransportUrl.parse("rabbit://guest:guest@127.0.0.1:" + broker.getLocalPort() + "/");
      assertThatCode(() -> NetworkChecks.requireBrokerReachable(url, Duration.ofSeconds(2))).doesNotThrowAnyException();
    }
  }

  @Test
  void anAbsentBrokerIsNamedWithHowToStartRabbitmq() throws Exception {
    int port = freePort();
    TransportUrl url = TransportUrl.parse("rabbit://guest:secret@127.0.0.1:" + port + "/");

    assertThatThrownBy(() -> NetworkChecks.requireBrokerReachable(url, Duration.ofSeconds(2)))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("RabbitMQ is not reachable at 127.0.0.1:" + port)
        .hasMessageContaining("rabbitmq-server")
        .message().doesNotContain("secret");
  }

  @Test
  void aTakenApiPortIsRefused() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> NetworkChecks.requirePortFree("127.0.0.1", taken.getLocalPort(), "osapi_volume_listen_port"))
          .hasMessageContaining("osapi_volume_listen_port 127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("--api-port");
    }
    int free = freePort();
    assertThatCode(() -> NetworkChecks.requirePortFree("127.0.0.1", free, "x")).doesNotThrowAnyException();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
