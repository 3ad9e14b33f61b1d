package org.cinderemu.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.rabbitmq.client.Address;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQOptions;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

/** cinder.conf's messaging options as the RabbitMQ client and the queue declarations get them. */
class RabbitSettingsTest {

  private static RpcConfig config(String... lines) {
    return RpcConfig.from(CinderConf.parse(String.join("\n", lines) + "\n"));
  }

  @Test
  void oneBrokerIsAHostAndPortWithItsLogin() {
    RabbitMQOptions o = RabbitSettings.connection(config("[DEFAULT]",
        "transport_url = rabbit://cinder:s3cret@rabbit1:5673/cinder"), "cinder-volume:1:x");

    assertThat(o.getAddresses()).isEmpty();
    assertThat(o.getHost()).isEqualTo("rabbit1");
    assertThat(o.getPort()).isEqualTo(5673);
    assertThat(o.getUser()).isEqualTo("cinder");
    assertThat(o.getPassword()).isEqualTo("s3cret");
    assertThat(o.getVirtualHost()).isEqualTo("cinder");
    assertThat(o.getConnectionName()).isEqualTo("cinder-volume:1:x");
    assertThat(o.isAutomaticRecoveryEnabled()).isTrue();
    assertThat(o.getReconnectAttempts()).isZero();
  }

  @Test
  void everyBrokerOfTheUrlIsAnAddressToFailOverTo() {
    RabbitMQOptions o = RabbitSettings.connection(config("[DEFAULT]",
        "transport_url = rabbit://u:p@h1:5672,u:p@h2:5673,u:p@[fd00::3]/vhost"), "c");

    assertThat(o.getAddresses()).extracting(Address::getHost, Address::getPort)
        .containsExactly(tuple("h1", 5672), tuple("h2", 5673),
            tuple("fd00::3", 5672));
    assertThat(o.getUser()).isEqualTo("u");
    assertThat(o.getPassword()).isEqualTo("p");
    assertThat(o.getVirtualHost()).isEqualTo("vhost");
  }

  @Test
  void brokersWithDifferentLoginsAreRefusedWithoutShowingThePasswords() {
    assertThatThrownBy(() -> config("[DEFAULT]", "transport_url = rabbit://u:p1@h1:5672,u:p2@h2:5672/"))
        .isInstanceOf(CinderConf.ConfigException.class)
        .hasMessageContaining("h2:5672 other credentials than h1:5672")
        .hasMessageNotContaining("p1").hasMessageNotContaining("p2");
  }

  @Test
  void topicQueuesAreClassicAndNotDurableByDefault() {
    RpcConfig c = config("[DEFAULT]");

    assertThat(RabbitSettings.topicQueueArguments(c)).isEqualTo(new JsonObject());
    assertThat(c.durableQueues()).isFalse();
    assertThat(c.quorumQueues()).isFalse();
  }

  @Test
  void amqpDurableQueuesMakesTopicQueuesAndTheExchangeDurableButNotQuorum() {
    RpcConfig c = config("[oslo_messaging_rabbit]", "amqp_durable_queues = true");

    assertThat(c.durableQueues()).isTrue();
    assertThat(RabbitSettings.topicQueueArguments(c)).isEqualTo(new JsonObject());
  }

  @Test
  void quorumQueuesAreDurableTopicQueuesOfTypeQuorum() {
    RpcConfig c = config("[oslo_messaging_rabbit]", "rabbit_quorum_queue = true");

    assertThat(c.durableQueues()).as("oslo: durable = amqp_durable_queues or rabbit_quorum_queue").isTrue();
    assertThat(RabbitSettings.topicQueueArguments(c)).isEqualTo(new JsonObject().put("x-queue-type", "quorum"));
  }

  @Test
  void quorumQueuesCannotBeAutoDelete() {
    assertThatThrownBy(() -> config("[oslo_messaging_rabbit]", "rabbit_quorum_queue = true",
        "amqp_auto_delete = true"))
        .isInstanceOf(CinderConf.ConfigException.class)
        .hasMessageContaining("rabbit_quorum_queue cannot be combined with amqp_auto_delete");
  }
}
