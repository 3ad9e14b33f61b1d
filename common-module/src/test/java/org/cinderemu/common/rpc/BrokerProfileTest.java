package org.cinderemu.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

class BrokerProfileTest {

  private static final long NOW = 1_800_000_000_000L;

  @Test
  void rabbitmqIsOslosWireFormatAndTheDefault() {
    assertThat(RpcConfig.from(CinderConf.empty()).brokerProfile()).isEqualTo(BrokerProfile.RABBITMQ);
    assertThat(BrokerProfile.RABBITMQ.transientQueueArguments(1800))
        .isEqualTo(new JsonObject().put("x-expires", 1_800_000));
    assertThat(BrokerProfile.RABBITMQ.callExpiration(60_000, NOW)).isEqualTo("60000");
  }

  @Test
  void qpidGetsNoExpiresAndAnAbsoluteDeadline() {
    CinderConf conf = CinderConf.empty().with(BrokerProfile.EMULATOR_BROKER_PROFILE, "Qpid");
    assertThat(RpcConfig.from(conf).brokerProfile()).isEqualTo(BrokerProfile.QPID);
    assertThat(BrokerProfile.QPID.transientQueueArguments(1800)).isEqualTo(new JsonObject());
    assertThat(BrokerProfile.QPID.callExpiration(60_000, NOW)).isEqualTo(String.valueOf(NOW + 60_000));
    assertThat(BrokerProfile.QPID.confValue()).isEqualTo("qpid");
  }

  @Test
  void anUnknownProfileIsRefusedByName() {
    CinderConf conf = CinderConf.empty().with(BrokerProfile.EMULATOR_BROKER_PROFILE, "activemq");
    assertThatThrownBy(() -> BrokerProfile.from(conf)).hasMessageContaining("emulator_broker_profile");
  }
}
