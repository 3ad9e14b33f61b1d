package org.cinderemu.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.rpc.IncomingMessage;
import org.cinderemu.common.rpc.RemoteError;
import org.cinderemu.common.rpc.RpcInvocation;
import org.cinderemu.common.rpc.Target;

/**
 * oslo.metrics' RPC series (oslo_metrics/metrics/oslo_messaging.py), with its names, label names and buckets.
 * Label values are the ones oslo.messaging reports for Cinder: Cinder's targets set no exchange, namespace or
 * timeout, which oslo renders as Python's {@code None}; {@code process} is the binary (oslo's
 * {@code metrics_process_name}).
 */
final class OsloRpcSeries {

  static final String NONE = "None";
  static final String CLIENT_START = "oslo_messaging_rpc_client_invocation_start";
  static final String CLIENT_END = "oslo_messaging_rpc_client_invocation_end";
  static final String CLIENT_EXCEPTION = "oslo_messaging_rpc_client_exception";
  static final String CLIENT_PROCESSING = "oslo_messaging_rpc_client_processing";
  static final String SERVER_START = "oslo_messaging_rpc_server_invocation_start";
  static final String SERVER_END = "oslo_messaging_rpc_server_invocation_end";
  static final String SERVER_EXCEPTION = "oslo_messaging_rpc_server_exception";
  static final String SERVER_PROCESSING = "oslo_messaging_rpc_server_processing";
  /** oslo.metrics' rpc_processing_seconds_buckets. */
  static final double[] BUCKETS_SECONDS =
      {0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 25.0, 50.0, 75.0, 100};

  private final MeterRegistry registry;
  private final String process;
  private final String endpoint;

  /** @param endpoint the manager class Cinder's server dispatches to (oslo's {@code endpoint} label) */
  OsloRpcSeries(MeterRegistry registry, String process, String endpoint) {
    this.registry = registry;
    this.process = process;
    this.endpoint = endpoint;
  }

  void clientStarted(RpcInvocation inv) {
    counter(CLIENT_START, "Total number of RPC invocation start.", clientTags(inv)).increment();
  }

  void clientEnded(RpcInvocation inv, long nanos, Throwable failure) {
    Tags tags = clientTags(inv);
    if (failure != null) {
      counter(CLIENT_EXCEPTION, "Total number of exception while RPC processing.",
          tags.and("exception", exceptionName(failure))).increment();
    }
    timer(CLIENT_PROCESSING, tags).record(nanos, TimeUnit.NANOSECONDS);
    counter(CLIENT_END, "Total number of RPC invocation end.", tags).increment();
  }

  void serverStarted(Target server, IncomingMessage m) {
    counter(SERVER_START, "Total number of RPC invocation start.", serverTags(server, m)).increment();
  }

  void serverEnded(Target server, IncomingMessage m, long nanos, Throwable failure) {
    Tags tags = serverTags(server, m);
    if (failure != null) {
      counter(SERVER_EXCEPTION, "Total number of exception while RPC processing.",
          tags.and("exception", exceptionName(failure))).increment();
    }
    timer(SERVER_PROCESSING, tags).record(nanos, TimeUnit.NANOSECONDS);
    counter(SERVER_END, "Total number of RPC invocation end.", tags).increment();
  }

  private Tags clientTags(RpcInvocation inv) {
    Target t = inv.target();
    return Tags.of(
        "call_type", inv.callType().label(),
        "exchange", NONE,
        "topic", t.topic(),
        "namespace", NONE,
        "version", orNone(t.version()),
        "server", orNone(t.server()),
        "fanout", t.fanout() ? "True" : NONE,
        "process", process,
        "method", inv.method(),
        "timeout", NONE);
  }

  private Tags serverTags(Target server, IncomingMessage m) {
    return Tags.of(
        "exchange", NONE,
        "topic", server.topic(),
        "server", orNone(server.server()),
        "endpoint", endpoint,
        "namespace", orNone(m.request().namespace()),
        "version", orNone(m.request().version()),
        "method", String.valueOf(m.request().method()),
        "process", process);
  }

  /** oslo's label is the exception's class name; a remote failure carries the remote class's. */
  static String exceptionName(Throwable failure) {
    if (failure instanceof RemoteError remote && remote.className() != null) {
      return remote.className();
    }
    return failure.getClass().getSimpleName();
  }

  private static String orNone(String v) {
    return v == null || v.isEmpty() ? NONE : v;
  }

  private Counter counter(String name, String help, Tags tags) {
    return Counter.builder(name).description(help).tags(tags).register(registry);
  }

  private Timer timer(String name, Tags tags) {
    return Timer.builder(name).description("Duration of RPC processing.").tags(tags)
        .serviceLevelObjectives(Arrays.stream(BUCKETS_SECONDS)
            .mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new))
        .register(registry);
  }
}
