package org.cinderemu.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

/** {@code emulator_delivery_mode} as the transport reads it (docs/chaos.md "Delivery modes"). */
class DeliveryModeConfigTest {

  private static RpcConfig config(String... lines) {
    return RpcConfig.from(CinderConf.parse(String.join("\n", lines) + "\n"));
  }

  @Test
  void osloIsTheDefaultAndKeepsCindersTransientQueues() {
    RpcConfig c = config("[DEFAULT]");
    assertThat(c.deliveryMode()).isEqualTo(DeliveryMode.OSLO);
    assertThat(c.reliable()).isFalse();
    assertThat(c.durableQueues()).isFalse();
  }

  @Test
  void reliableMakesTopicQueuesDurableAndStaysClassicUnlessQuorumIsAsked() {
    RpcConfig c = config("[oslo_messaging_rabbit]", "emulator_delivery_mode = Reliable");
    assertThat(c.reliable()).isTrue();
    assertThat(c.durableQueues()).isTrue();
    assertThat(RabbitSettings.topicQueueArguments(c).isEmpty()).isTrue();

    RpcConfig q = config("[oslo_messaging_rabbit]", "emulator_delivery_mode = reliable", "rabbit_quorum_queue = true");
    assertThat(RabbitSettings.topicQueueArguments(q).getString("x-queue-type")).isEqualTo("quorum");
  }

  @Test
  void reliableRefusesAutoDeleteQueuesAndAnUnknownModeIsRefused() {
    assertThatThrownBy(() -> config("[oslo_messaging_rabbit]", "emulator_delivery_mode = reliable",
        "amqp_auto_delete = true")).isInstanceOf(CinderConf.ConfigException.class).hasMessageContaining("amqp_auto_delete");
    assertThatThrownBy(() -> config("[oslo_messaging_rabbit]", "emulator_delivery_mode = exactly-once"))
        .isInstanceOf(CinderConf.ConfigException.class);
  }

  @Test
  void aQueueLeftByTheOtherModeGetsAnExplanation() {
    RpcConfig c = config("[oslo_messaging_rabbit]", "emulator_delivery_mode = reliable");
    Future<Void> f = RabbitSettings.explainMismatch(c, "cinder-scheduler", new RuntimeException(
        "channel error; protocol method: #method<channel.close>(reply-code=406, reply-text=PRECONDITION_FAILED - "
            + "inequivalent arg 'durable' for queue 'cinder-scheduler' in vhost '/': received 'true' but current is"
            + " 'false')"));
    assertThat(f.cause()).hasMessageContaining("cinder-scheduler").hasMessageContaining("another delivery mode")
        .hasMessageContaining("docs/chaos.md");

    Future<Void> other = RabbitSettings.explainMismatch(c, "q", new RuntimeException("connection refused"));
    assertThat(other.cause()).hasMessage("connection refused");
  }
}
