package org.cinderemu.common.chaos;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.cinderemu.common.admin.ProcessMetrics;
import org.cinderemu.common.chaos.MessageRule.Direction;
import org.cinderemu.common.chaos.MessageRule.Probe;
import org.cinderemu.common.chaos.RuleBook.Match;
import org.cinderemu.common.logging.LogContexts;
import org.cinderemu.common.rpc.IncomingMessage;
import org.cinderemu.common.rpc.OutgoingMessage;
import org.cinderemu.common.rpc.RemoteError;
import org.cinderemu.common.rpc.RpcInterceptor;
import org.cinderemu.common.rpc.RpcReply;
import org.cinderemu.common.rpc.RpcRequest;
import org.cinderemu.common.rpc.RpcTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message rules of {@link RuleBook#current()} applied in one service's transport (docs/chaos.md "Message
 * rules"). It is the first interceptor, so metrics and traces see what the rules let through, when they let it.
 * A duplicate is a second publish: on consume it is republished to the queue it came from (the broker
 * delivers it again, as a redelivery would), so it meets oslo's duplicate filter unless {@code new_id}.
 */
public final class ChaosInterceptor implements RpcInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(ChaosInterceptor.class);
  /** The class of the RemoteError a {@code fail} rule injects. */
  public static final String INJECTED = "ChaosInjected";
  public static final String INJECTED_MODULE = "cinder_emulator.chaos";
  public static final String HITS = "cinder_emulator_chaos_rule_hits";
  /** How many copies this process republished to consume again may be on their way back at once. */
  static final int MAX_ECHOES = 4096;
  // the _unique_id of each copy republished by a consume duplicate: when it comes back, no rule applies to it
  private static final Set<String> ECHOES = Collections.newSetFromMap(Collections.synchronizedMap(
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_ECHOES;
        }
      }));

  private final RuleBook book;
  private final RpcTransport transport;
  private final String binary;
  private final String host;
  private final MeterRegistry registry;
  // the copies this interceptor publishes itself pass its own publish rules
  private final Set<OutgoingMessage> copies = Collections.synchronizedSet(
      Collections.newSetFromMap(new IdentityHashMap<>()));

  ChaosInterceptor(RuleBook book, RpcTransport transport, String binary, String host, MeterRegistry registry) {
    this.book = book;
    this.transport = transport;
    this.binary = binary;
    this.host = host;
    this.registry = registry;
  }

  /**
   * Puts the process's rules first in {@code transport}'s chain, for service {@code binary} on {@code host}, and
   * offers the {@code rules} group on the admin endpoint. Once per transport, before any other interceptor.
   */
  public static ChaosInterceptor install(RpcTransport transport, String binary, String host) {
    ChaosControl.current().register(new RuleControls(RuleBook.current()));
    ChaosInterceptor i = new ChaosInterceptor(RuleBook.current(), transport, binary, host,
        ProcessMetrics.current().registry());
    transport.addInterceptor(i);
    return i;
  }

  @Override
  public Future<OutgoingMessage> beforePublish(OutgoingMessage m) {
    // the copy is looked for first: the rules may have been cleared since it was made
    if (copies.remove(m) || book.isEmpty()) {
      return Future.succeededFuture(m);
    }
    String key = m.routingKey().isEmpty() ? m.exchange() : m.routingKey();
    return apply(new Probe(Direction.PUBLISH, binary, host, key, m.method()), m,
        rule -> failPublish(rule, m), rule -> republish(copyOf(m, rule.newId())));
  }

  @Override
  public Future<IncomingMessage> beforeDispatch(IncomingMessage in) {
    String uniqueId = in.request().uniqueId();
    if (book.isEmpty() || (uniqueId != null && ECHOES.remove(uniqueId))) {
      return Future.succeededFuture(in);
    }
    return apply(new Probe(Direction.CONSUME, binary, host, in.queue(), in.request().method()), in,
        rule -> Future.failedFuture(new Failed(injected(rule))), rule -> redeliver(in, rule.newId()));
  }

  /** The book's decision for one message, carried out; {@code fail} and {@code duplicate} differ by direction. */
  private <T> Future<T> apply(Probe probe, T message, Function<RuleBook.RuleState, Future<T>> fail,
      Consumer<MessageRule> duplicate) {
    Promise<T> held = LogContexts.promise(transport.vertx());
    Runnable hold = () -> held.tryComplete(message);
    Optional<Match> found = book.match(probe, hold);
    if (found.isEmpty()) {
      return Future.succeededFuture(message);
    }
    Match match = found.get();
    RuleBook.RuleState state = match.rule();
    if (match.passesHeld()) {
      // this one goes on now; the held one follows on the next turn of the loop, after it
      later(match.release());
      return Future.succeededFuture(message);
    }
    MessageRule rule = state.rule();
    counter(rule).increment();
    LOG.info("chaos rule {} ({}) hit {} {} on {}", state.id(), rule.action().wire(), probe.direction().wire(),
        probe.method(), probe.key());
    return switch (rule.action()) {
      case DROP -> Future.failedFuture(new Dropped("chaos rule " + state.id()));
      case DELAY -> {
        long ms = delayOf(rule);
        yield ms <= 0 ? Future.succeededFuture(message)
            : LogContexts.onCurrentContext(transport.vertx().timer(ms)).map(x -> message);
      }
      case DUPLICATE -> {
        duplicate.accept(rule);
        yield Future.succeededFuture(message);
      }
      case FAIL -> fail.apply(state);
      case REORDER -> {
        transport.vertx().setTimer(Math.max(1, rule.delayMs()), id -> book.releaseHeld(state.id(), hold));
        yield held.future();
      }
    };
  }

  /** delay_ms ± a uniform jitter_ms, never below zero. */
  private long delayOf(MessageRule rule) {
    double jitter = rule.jitterMs() * (2 * book.draw() - 1);
    return Math.max(0, Math.round(rule.delayMs() + jitter));
  }

  /** A reply is turned into the failure reply; a cast or call fails at the caller, as a refused publish would. */
  private Future<OutgoingMessage> failPublish(RuleBook.RuleState state, OutgoingMessage m) {
    RemoteError error = injected(state);
    if (m.kind() != OutgoingMessage.Kind.REPLY) {
      return Future.failedFuture(error);
    }
    JsonObject failure = RpcReply.failure(m.inner().getString("_msg_id"), error).toInner();
    return Future.succeededFuture(new OutgoingMessage(m.exchange(), m.routingKey(), failure, m.expirationMs(),
        m.kind()));
  }

  private static RemoteError injected(RuleBook.RuleState state) {
    return new RemoteError(INJECTED, INJECTED_MODULE, "Injected by chaos rule " + state.id() + " (fail)", null);
  }

  private static OutgoingMessage copyOf(OutgoingMessage m, boolean newId) {
    JsonObject inner = m.inner().copy();
    if (newId) {
      inner.put("_unique_id", RpcRequest.newId());
    }
    return new OutgoingMessage(m.exchange(), m.routingKey(), inner, m.expirationMs(), m.kind());
  }

  /** A consumed message published again to its own queue through the default exchange. */
  private void redeliver(IncomingMessage in, boolean newId) {
    RpcRequest r = in.request();
    RpcRequest copy = newId ? new RpcRequest(r.method(), r.args(), r.version(), r.namespace(), r.msgId(),
        r.replyQueue(), RpcRequest.newId(), r.context()) : r;
    if (copy.uniqueId() != null) {
      ECHOES.add(copy.uniqueId());
    }
    republish(new OutgoingMessage("", in.queue(), copy.toInner(), null,
        r.isCall() ? OutgoingMessage.Kind.CALL : OutgoingMessage.Kind.CAST));
  }

  private void republish(OutgoingMessage copy) {
    copies.add(copy);
    later(() -> transport.publish(copy).onFailure(e -> {
      copies.remove(copy);
      LOG.warn("duplicate of {} to {} not published: {}", copy.method(), copy.routingKey(), e.getMessage());
    }));
  }

  private void later(Runnable action) {
    Context ctx = Vertx.currentContext();
    (ctx != null ? ctx : transport.vertx().getOrCreateContext()).runOnContext(v -> action.run());
  }

  private Counter counter(MessageRule rule) {
    return Counter.builder(HITS)
        .description("Messages a chaos message rule hit, by action.")
        .tag("process", binary)
        .tag("action", rule.action().wire())
        .register(registry);
  }
}
