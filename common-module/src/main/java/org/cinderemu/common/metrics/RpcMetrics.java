package org.cinderemu.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.cinderemu.common.rpc.IncomingMessage;
import org.cinderemu.common.rpc.OutgoingMessage;
import org.cinderemu.common.rpc.RpcInterceptor;
import org.cinderemu.common.rpc.RpcInvocation;
import org.cinderemu.common.rpc.RpcStats;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.Target;

/**
 * The RPC series of one service binary in one process, fed by the interceptor chain of each of its transports:
 * oslo.metrics' client and server series ({@link OsloRpcSeries}), and the emulator's own (messages by exchange and
 * queue, the transports' {@link RpcStats} counters, volume and backup operation latency).
 */
public final class RpcMetrics implements RpcInterceptor {

  private static final Map<MeterRegistry, Map<String, RpcMetrics>> BY_REGISTRY = new ConcurrentHashMap<>();

  private final MeterRegistry registry;
  private final String process;
  private final OsloRpcSeries oslo;
  private final List<RpcTransport> transports = new CopyOnWriteArrayList<>();
  private final String operationSeries;

  private RpcMetrics(MeterRegistry registry, String process) {
    this.registry = registry;
    this.process = process;
    this.oslo = new OsloRpcSeries(registry, process, endpoint(process));
    this.operationSeries = switch (process) {
      case "cinder-volume" -> "cinder_emulator_volume_operation";
      case "cinder-backup" -> "cinder_emulator_backup_operation";
      default -> null;
    };
    statsCounter("cinder_emulator_rpc_call_timeouts", "Calls that got no reply within rpc_response_timeout.",
        s -> s.timeouts.get());
    statsCounter("cinder_emulator_rpc_duplicates_dropped", "Deliveries dropped as duplicates (same _unique_id).",
        s -> s.duplicates.get());
    statsCounter("cinder_emulator_rpc_malformed_messages", "Deliveries and replies that could not be decoded.",
        s -> s.malformed.get());
    statsCounter("cinder_emulator_rpc_rejected_messages",
        "Requests the dispatcher refused (unknown method, unsupported version).", s -> s.rejected.get());
    statsCounter("cinder_emulator_rpc_bad_arguments", "Requests whose arguments a handler could not parse.",
        s -> s.badArguments.get());
    statsCounter("cinder_emulator_rpc_intercepted_drops", "Messages an interceptor dropped on purpose (chaos rules).",
        s -> s.dropped.get());
    statsCounter("cinder_emulator_rpc_publish_failures", "Publishes given up after retrying for rpc_response_timeout.",
        s -> s.publishFailures.get());
    statsCounter("cinder_emulator_rpc_reconnects", "Times an AMQP connection came back after it was lost.",
        s -> s.reconnects.get());
    Gauge.builder("cinder_emulator_rpc_connections_up", transports,
            ts -> ts.stream().filter(RpcTransport::isConnected).count())
        .description("AMQP connections of this service that are open.").tag("process", process).register(registry);
  }

  /** Puts the series of {@code binary} on {@code transport} (one set of meters per binary and registry). */
  public static void install(MeterRegistry registry, String binary, RpcTransport transport) {
    RpcMetrics metrics = BY_REGISTRY.computeIfAbsent(registry, r -> new ConcurrentHashMap<>())
        .computeIfAbsent(binary, b -> new RpcMetrics(registry, b));
    metrics.transports.add(transport);
    transport.addInterceptor(metrics);
  }

  /** Cinder's manager class behind each binary's RPC server (oslo's {@code endpoint} label). */
  static String endpoint(String binary) {
    return switch (binary) {
      case "cinder-volume" -> "VolumeManager";
      case "cinder-scheduler" -> "SchedulerManager";
      case "cinder-backup" -> "BackupManager";
      default -> "None";
    };
  }

  // counters must never go back: a closed transport's stats keep counting in the sum
  private void statsCounter(String name, String help, ToLongFunction<RpcStats> value) {
    FunctionCounter.builder(name, transports, ts -> ts.stream().mapToLong(t -> value.applyAsLong(t.stats())).sum())
        .description(help).tag("process", process).register(registry);
  }

  @Override
  public Future<OutgoingMessage> beforePublish(OutgoingMessage message) {
    Counter.builder("cinder_emulator_rpc_messages_published")
        .description("Messages this service handed to the broker, by exchange, routing key and kind.")
        .tag("process", process)
        .tag("exchange", message.exchange().isEmpty() ? "(default)" : message.exchange())
        .tag("routing_key", QueueNames.stable(message.routingKey()))
        .tag("kind", message.kind().name().toLowerCase(java.util.Locale.ROOT))
        .register(registry).increment();
    return Future.succeededFuture(message);
  }

  @Override
  public Future<IncomingMessage> beforeDispatch(IncomingMessage message) {
    Counter.builder("cinder_emulator_rpc_messages_consumed")
        .description("Requests this service consumed, by queue.")
        .tag("process", process)
        .tag("queue", QueueNames.stable(message.queue()))
        .register(registry).increment();
    return Future.succeededFuture(message);
  }

  @Override
  public void invocationStarted(RpcInvocation invocation) {
    oslo.clientStarted(invocation);
  }

  @Override
  public void invocationEnded(RpcInvocation invocation, long elapsedNanos, Throwable failure) {
    oslo.clientEnded(invocation, elapsedNanos, failure);
  }

  @Override
  public void dispatchStarted(Target server, IncomingMessage message) {
    oslo.serverStarted(server, message);
  }

  @Override
  public void dispatchEnded(Target server, IncomingMessage message, long elapsedNanos, Throwable failure) {
    oslo.serverEnded(server, message, elapsedNanos, failure);
    if (operationSeries != null) {
      Timer.builder(operationSeries)
          .description("Time a manager took for one operation, from dispatch to its end.")
          .tag("operation", String.valueOf(message.request().method()))
          .tag("outcome", failure == null ? "success" : "failure")
          .publishPercentileHistogram()
          .register(registry).record(elapsedNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** For tests: the number of transports this binary's meters sum over. */
  int transportCount() {
    return transports.size();
  }

}
