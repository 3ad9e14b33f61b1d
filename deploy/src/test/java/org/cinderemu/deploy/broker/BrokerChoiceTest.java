package org.cinderemu.deploy.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

/** `up --broker`: every mode, with and without a configured transport_url, with and without RabbitMQ answering. */
class BrokerChoiceTest {

  private static final String DEFAULT = "127.0.0.1:5672";
  private static final Optional<String> CONFIGURED = Optional.of("rabbit://u:p@mq.example:5672/cinder");

  @ParameterizedTest(name = "{0}, transport_url set: {1}, 5672 answers: {2} -> embedded: {3}")
  @CsvSource({
      "AUTO,     false, false, true",
      "AUTO,     false, true,  false",
      "AUTO,     true,  false, false",
      "AUTO,     true,  true,  false",
      "EMBEDDED, false, false, true",
      "EMBEDDED, false, true,  true",
      "EMBEDDED, true,  false, true",
      "EMBEDDED, true,  true,  true",
      "EXTERNAL, false, false, false",
      "EXTERNAL, false, true,  false",
      "EXTERNAL, true,  false, false",
      "EXTERNAL, true,  true,  false"})
  void decides(BrokerMode mode, boolean urlSet, boolean answers, boolean embedded) {
    BrokerChoice choice = BrokerChoice.decide(mode, urlSet ? CONFIGURED : Optional.empty(), DEFAULT, () -> answers);
    assertThat(choice.embedded()).isEqualTo(embedded);
  }

  @Test
  void autoProbesTheDefaultBrokerOnlyWhenNoUrlIsConfigured() {
    AtomicInteger probes = new AtomicInteger();
    BooleanSupplier probe = () -> probes.incrementAndGet() > 0;
    BrokerChoice.decide(BrokerMode.AUTO, CONFIGURED, DEFAULT, probe);
    BrokerChoice.decide(BrokerMode.EMBEDDED, Optional.empty(), DEFAULT, probe);
    BrokerChoice.decide(BrokerMode.EXTERNAL, Optional.empty(), DEFAULT, probe);
    assertThat(probes).hasValue(0);
    BrokerChoice.decide(BrokerMode.AUTO, Optional.empty(), DEFAULT, probe);
    assertThat(probes).hasValue(1);
  }

  @Test
  void theReasonSaysWhatWasSeen() {
    assertThat(BrokerChoice.decide(BrokerMode.AUTO, Optional.empty(), DEFAULT, () -> false).reason())
        .isEqualTo("no transport_url set and nothing answers on 127.0.0.1:5672");
    assertThat(BrokerChoice.decide(BrokerMode.AUTO, Optional.empty(), DEFAULT, () -> true).reason())
        .isEqualTo("no transport_url set and a broker answers on 127.0.0.1:5672");
    assertThat(BrokerChoice.decide(BrokerMode.AUTO, CONFIGURED, DEFAULT, () -> true).reason())
        .isEqualTo("transport_url of the config");
    assertThat(BrokerChoice.decide(BrokerMode.EMBEDDED, CONFIGURED, DEFAULT, () -> true).reason())
        .contains("the config's transport_url is not used");
  }

  @Test
  void theFlagIsSpelledInLowerCaseAndAnythingElseIsRefused() {
    BrokerMode.Converter converter = new BrokerMode.Converter();
    assertThat(converter.convert("embedded")).isEqualTo(BrokerMode.EMBEDDED);
    assertThat(converter.convert("Auto")).isEqualTo(BrokerMode.AUTO);
    assertThatThrownBy(() -> converter.convert("rabbitmq")).isInstanceOf(TypeConversionException.class)
        .hasMessage("'rabbitmq' is not one of auto|embedded|external");
  }
}
