package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.rpc.TransportUrl;
import org.junit.jupiter.api.Test;

/** The standalone service's pre-flight failures: one line naming the option, the place and the cause. */
class StandaloneChecksTest {

  private static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void anUnreachableDatabaseIsNamedWithoutItsPassword() throws IOException {
    int port = deadPort();
    DatabaseUrl db = DatabaseUrl.parse("mysql+pymysql://cinder:s3cret@127.0.0.1:" + port + "/cinder");

    assertThatThrownBy(() -> StandaloneChecks.requireDatabase(ServiceBinary.VOLUME, db, true))
        .isInstanceOf(LaunchException.class)
        .hasMessageStartingWith("cinder-volume: cannot connect to the database jdbc:mariadb://127.0.0.1:" + port)
        .hasMessageContaining("([database] connection)")
        .hasMessageContaining("Connection refused")
        .hasMessageNotContaining("s3cret")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void noDatabaseConnectionIsTheLocalH2AndPasses() {
    StandaloneChecks.requireDatabase(ServiceBinary.BACKUP, DatabaseUrl.parse("mysql://nobody@127.0.0.1:1/x"), false);
  }

  @Test
  void everyBrokerThatRefusedIsNamed() throws IOException {
    int a = deadPort();
    int b = deadPort();
    TransportUrl url = TransportUrl.parse("rabbit://u:pw@127.0.0.1:" + a + ",u:pw@127.0.0.1:" + b + "/cinder");

    assertThatThrownBy(() -> StandaloneChecks.requireBrokerLogin(ServiceBinary.SCHEDULER, url))
        .isInstanceOf(LaunchException.class)
        .hasMessage("cinder-scheduler: no broker of transport_url rabbit://u:***@127.0.0.1:" + a + ",u:***@127.0.0.1:"
            + b + "/cinder lets it log in to vhost 'cinder': 127.0.0.1:" + a + ": Connection refused; 127.0.0.1:"
            + b + ": Connection refused");
  }

  @Test
  void theRootMessageIsTheInnermostFirstLine() {
    Exception e = new IOException(null, new IllegalStateException("outer", new ConnectException("refused\nmore")));

    assertThat(StandaloneChecks.rootMessage(e)).isEqualTo("refused");
  }
}
