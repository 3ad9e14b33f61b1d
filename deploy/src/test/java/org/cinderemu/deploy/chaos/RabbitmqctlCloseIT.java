package org.cinderemu.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.testing.TestBroker;
import org.cinderemu.deploy.StateDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos broker close-connection --via rabbitmqctl} against the machine's RabbitMQ (one connection of a
 * private vhost, nothing stopped): RabbitMQ closes the named connection, and the client's recovery reconnects.
 */
class RabbitmqctlCloseIT {

  @TempDir
  Path dir;

  @Test
  void rabbitMqClosesTheNamedConnectionAndTheClientRecovers() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (TestBroker broker = TestBroker.create()) {
      RpcTransport t = RpcTransport.connect(vertx, RpcConfig.from(broker.apply(CinderConf.empty())), "cinder-test")
          .await(30, TimeUnit.SECONDS);
      ConnectionFault fault = new ConnectionFault(new StateDir(dir));

      assertThat(fault.closeByName(List.of(t.connectionName()), "cinder-test")).containsExactly(t.connectionName());

      await().atMost(Duration.ofSeconds(30)).until(() -> t.stats().reconnects.get() == 1 && t.isConnected());
      assertThatThrownBy(() -> fault.closeByName(List.of("cinder-test:0:none"), "cinder-test"))
          .isInstanceOf(ChaosException.class).hasMessageContaining("RabbitMQ has none");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
