package org.cinderemu.common.trace;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.cinderemu.common.logging.LogContext;
import org.cinderemu.common.logging.LogContexts;
import org.cinderemu.common.rpc.IncomingMessage;
import org.cinderemu.common.rpc.OutgoingMessage;
import org.cinderemu.common.rpc.RpcInterceptor;
import org.cinderemu.common.rpc.RpcRequest;

/**
 * Records one hop per publish and one per consumed message (once its handler ended) of one transport into its
 * {@link TraceRecorder}. With OTLP on it also writes osprofiler's {@code _context_trace_info}
 * (docs/cinder-reference.md §3.8) into what it publishes, so a Cinder peer with osprofiler continues the trace.
 */
final class TraceInterceptor implements RpcInterceptor {

  static final String TRACE_INFO = "_context_trace_info";

  private final TraceRecorder recorder;
  private final String binary;
  private final String host;
  private final boolean propagate;
  // consumed messages whose handler runs, by _unique_id; a message a later interceptor dropped never ends, so
  // past the bound the map is emptied (the handlers running then lose their consume row)
  private final Map<String, Running> consuming = new ConcurrentHashMap<>();
  static final int MAX_RUNNING = 10_000;

  TraceInterceptor(TraceRecorder recorder, String binary, String host, boolean propagate) {
    this.recorder = recorder;
    this.binary = binary;
    this.host = host;
    this.propagate = propagate;
  }

  @Override
  public Future<OutgoingMessage> beforePublish(OutgoingMessage m) {
    JsonObject inner = m.inner();
    String uniqueId = MessageFields.string(inner.getValue("_unique_id"));
    String requestId = MessageFields.string(inner.getValue("_context_request_id"));
    if (requestId == null) {
      // a reply carries no context, but is sent under the request it answers
      LogContext ctx = LogContexts.current();
      requestId = ctx == null ? null : ctx.requestId();
    }
    String span = TraceSpans.publishSpan(uniqueId);
    String parent = TraceSpans.current();
    recorder.record(new Hop(requestId, MessageFields.resourceId(inner.getValue("args")), Hop.Side.PUBLISH, kind(m.kind()),
        MessageFields.string(inner.getValue("method")), MessageFields.string(inner.getValue("version")),
        m.exchange(), m.routingKey(), null, uniqueId, MessageFields.string(inner.getValue("_msg_id")), binary, host,
        TraceRecorder.now(), null, null, span, parent));
    if (propagate && m.kind() != OutgoingMessage.Kind.REPLY && span != null) {
      inner.put(TRACE_INFO, traceInfo(requestId, span));
    }
    return Future.succeededFuture(m);
  }

  /** osprofiler's shape: {@code hmac_key}, {@code base_id} (the trace), {@code parent_id} (this publish). */
  private static JsonObject traceInfo(String requestId, String span) {
    return new JsonObject().put("hmac_key", null).put("base_id", uuid(TraceSpans.traceId(requestId)))
        .put("parent_id", uuid(span + "0000000000000000"));
  }

  private static String uuid(String hex32) {
    return hex32 == null ? null : new UUID(Long.parseUnsignedLong(hex32.substring(0, 16), 16),
        Long.parseUnsignedLong(hex32.substring(16, 32), 16)).toString();
  }

  @Override
  public Future<IncomingMessage> beforeDispatch(IncomingMessage in) {
    String uniqueId = in.request().uniqueId();
    if (uniqueId != null) {
      if (consuming.size() >= MAX_RUNNING) {
        consuming.clear();
      }
      String span = TraceSpans.consumeSpan(uniqueId, binary, host);
      consuming.put(uniqueId, new Running(TraceRecorder.now(), span));
      TraceSpans.enter(span);
    }
    return Future.succeededFuture(in);
  }

  @Override
  public void afterDispatch(IncomingMessage in, Throwable failure) {
    RpcRequest r = in.request();
    Running running = r.uniqueId() == null ? null : consuming.remove(r.uniqueId());
    if (running == null) {
      return;
    }
    Hop.Kind kind = r.isCall() ? Hop.Kind.CALL : in.queue().contains("_fanout_") ? Hop.Kind.FANOUT : Hop.Kind.CAST;
    recorder.record(new Hop(r.context().requestId(), MessageFields.resourceId(r.args()), Hop.Side.CONSUME, kind,
        r.method(), r.version(), null, null, in.queue(), r.uniqueId(), r.msgId(), binary, host, running.since(),
        TraceRecorder.now(), failure == null ? "ok" : "error", running.span(), TraceSpans.publishSpan(r.uniqueId())));
  }

  @Override
  public void onReply(String queue, JsonObject inner) {
    Instant now = TraceRecorder.now();
    String uniqueId = MessageFields.string(inner.getValue("_unique_id"));
    boolean failed = inner.getValue("failure") != null;
    recorder.record(new Hop(null, null, Hop.Side.CONSUME, Hop.Kind.REPLY, null, null, null, null, queue, uniqueId,
        MessageFields.string(inner.getValue("_msg_id")), binary, host, now, now, failed ? "error" : "ok",
        TraceSpans.consumeSpan(uniqueId, binary, host), TraceSpans.publishSpan(uniqueId)));
  }

  /** A message whose handler runs: since when, in which span. */
  private record Running(Instant since, String span) {
  }

  private static Hop.Kind kind(OutgoingMessage.Kind k) {
    return Hop.Kind.valueOf(k.name());
  }
}
