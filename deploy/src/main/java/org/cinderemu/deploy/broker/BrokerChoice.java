package org.cinderemu.deploy.broker;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Which broker a stack uses and why: the decision of {@code up --broker}, kept pure so every case is a unit test.
 * RabbitMQ stays the reference: whenever the operator named a broker, or one answers on oslo's default address,
 * it is used; the embedded broker is the fallback that makes `up` work on a machine with only Java.
 *
 * @param embedded true for the embedded broker, false for the configured or default RabbitMQ
 * @param reason   why, as `up` prints it
 */
public record BrokerChoice(boolean embedded, String reason) {

  /**
   * @param configuredUrl        {@code [DEFAULT] transport_url} as the operator's config (or the seed lab) sets it
   * @param defaultBroker        the default transport_url's address, as {@code host:port}
   * @param defaultBrokerAnswers whether something accepts a TCP connection there; asked only in auto mode
   *                             without a configured URL
   */
  public static BrokerChoice decide(BrokerMode mode, Optional<String> configuredUrl, String defaultBroker,
      BooleanSupplier defaultBrokerAnswers) {
    return switch (mode) {
      case EMBEDDED -> new BrokerChoice(true, configuredUrl.isPresent()
          ? "--broker embedded; the config's transport_url is not used" : "--broker embedded");
      case EXTERNAL -> new BrokerChoice(false, configuredUrl.isPresent()
          ? "transport_url of the config" : "--broker external: the default transport_url");
      case AUTO -> {
        if (configuredUrl.isPresent()) {
          yield new BrokerChoice(false, "transport_url of the config");
        }
        if (defaultBrokerAnswers.getAsBoolean()) {
          yield new BrokerChoice(false, "no transport_url set and a broker answers on " + defaultBroker);
        }
        yield new BrokerChoice(true, "no transport_url set and nothing answers on " + defaultBroker);
      }
    };
  }
}
