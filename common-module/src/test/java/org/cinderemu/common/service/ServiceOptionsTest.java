package org.cinderemu.common.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

class ServiceOptionsTest {

  private final AtomicInteger lookups = new AtomicInteger();
  private final Supplier<String> resolver = () -> {
    lookups.incrementAndGet();
    return "machine-name";
  };

  @Test
  void aConfiguredHostNeverAsksTheResolver() {
    ServiceOptions options = ServiceOptions.from(CinderConf.parse("[DEFAULT]\nhost = emu-lab\n"), resolver);

    assertThat(options.host()).isEqualTo("emu-lab");
    assertThat(lookups).hasValue(0);
  }

  @Test
  void withoutHostTheMachineNameIsTheDefault() {
    ServiceOptions options = ServiceOptions.from(CinderConf.parse("[DEFAULT]\nreport_interval = 5\n"), resolver);

    assertThat(options.host()).isEqualTo("machine-name");
    assertThat(lookups).hasValue(1);
  }

  @Test
  void theHostnameIsLookedUpOnceAndOnlyWhenAsked() {
    LocalHostname hostname = new LocalHostname(resolver);
    assertThat(lookups).hasValue(0);

    CinderConf unset = CinderConf.parse("[DEFAULT]\n");
    assertThat(ServiceOptions.from(unset, hostname).host()).isEqualTo("machine-name");
    assertThat(ServiceOptions.from(unset, hostname).host()).isEqualTo("machine-name");

    assertThat(lookups).hasValue(1);
  }
}
