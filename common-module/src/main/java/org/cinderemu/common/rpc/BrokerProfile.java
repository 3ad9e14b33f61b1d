package org.cinderemu.common.rpc;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;

/**
 * What the RPC layer does differently on the broker it talks to; everything else is one code path. RabbitMQ is
 * the reference: its profile publishes exactly what oslo.messaging does (docs/cinder-reference.md §2.3–§2.5).
 * The {@code qpid} profile is for the embedded Qpid Broker-J of `cinder-emu up` (docs/embedded-broker.md).
 *
 * <p>Chosen by an option, not detected: vertx-rabbitmq-client exposes neither the connection nor the server
 * properties ({@code product}) it received, and `up`, which starts the embedded broker, knows which one it is.
 */
public enum BrokerProfile {

  /** RabbitMQ, as oslo.messaging talks to it. */
  RABBITMQ {
    @Override
    public JsonObject transientQueueArguments(int ttlSeconds) {
      return new JsonObject().put(X_EXPIRES, ttlSeconds * 1000);
    }

    @Override
    public String callExpiration(long timeoutMs, long nowEpochMs) {
      return String.valueOf(timeoutMs);
    }
  },

  /**
   * Qpid Broker-J over AMQP 0-9-1: it never enforces {@code x-expires} (it ignores the argument at best), so none
   * is sent; it reads {@code expiration} as an absolute epoch-ms deadline (JMS semantics), so a call carries
   * now + timeout, which keeps RabbitMQ's meaning. Replies need nothing: Qpid resolves the default exchange's
   * routing key to an exchange of that name first, but neither our client nor oslo.messaging 14 declares one
   * named like its reply queue (oslo's direct consumer binds nothing, kombu skips the bind for exchange '').
   */
  QPID {
    @Override
    public JsonObject transientQueueArguments(int ttlSeconds) {
      return new JsonObject();
    }

    @Override
    public String callExpiration(long timeoutMs, long nowEpochMs) {
      return String.valueOf(nowEpochMs + timeoutMs);
    }
  };

  public static final Opt<String> EMULATOR_BROKER_PROFILE =
      Opt.choice(RpcConfig.RABBIT, "emulator_broker_profile", "rabbitmq", "rabbitmq", "qpid");

  private static final String X_EXPIRES = "x-expires";

  /** The arguments of a reply or fanout queue whose TTL is {@code rabbit_transient_queues_ttl}. */
  public abstract JsonObject transientQueueArguments(int ttlSeconds);

  /** The {@code expiration} property of a call that times out after {@code timeoutMs}. */
  public abstract String callExpiration(long timeoutMs, long nowEpochMs);

  /** The value {@link #EMULATOR_BROKER_PROFILE} spells this profile with. */
  public String confValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BrokerProfile from(CinderConf conf) {
    return valueOf(conf.get(EMULATOR_BROKER_PROFILE).toUpperCase(Locale.ROOT));
  }
}
