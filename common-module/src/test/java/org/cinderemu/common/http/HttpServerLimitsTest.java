package org.cinderemu.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

class HttpServerLimitsTest {

  @Test
  void cindersDefaultsWithoutOptions() {
    HttpServerLimits limits = HttpServerLimits.from(CinderConf.empty());
    assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(limits.requestTimeout()).isEqualTo(Duration.ofSeconds(300));
    assertThat(limits.serverOptions().getIdleTimeout()).isEqualTo(900_000);
    assertThat(limits.serverOptions().getIdleTimeoutUnit()).isEqualTo(TimeUnit.MILLISECONDS);
  }

  @Test
  void optionsAreReadAndZeroDisables() {
    HttpServerLimits limits = HttpServerLimits.from(CinderConf.empty()
        .with("DEFAULT", "client_socket_timeout", "0").with("DEFAULT", "emulator_request_timeout", "0"));
    assertThat(limits.serverOptions().getIdleTimeout()).isZero();
    assertThat(limits.hasRequestTimeout()).isFalse();
  }

  @Test
  void aNegativeTimeoutNamesItsOption() {
    assertThatThrownBy(() -> HttpServerLimits.from(CinderConf.empty().with("DEFAULT", "client_socket_timeout", "-1")))
        .isInstanceOf(CinderConf.ConfigException.class).hasMessageContaining("client_socket_timeout");
  }
}
