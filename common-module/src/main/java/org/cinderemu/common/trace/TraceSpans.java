package org.cinderemu.common.trace;

import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Span ids of the hops, derived from what every message already carries so that each process computes the same
 * ones without asking the others: the trace is the request ({@code req-<uuid>} → 32 hex), a publish span is its
 * message's {@code _unique_id}, a consume span that id with the consumer's name. The span a handler runs in is a
 * local of the message's duplicated context, so the messages it publishes name it as their parent.
 */
public final class TraceSpans {

  static final ContextLocal<String> CURRENT = ContextLocal.registerLocal(String.class);

  private TraceSpans() {
  }

  /** 32 hex digits of the request's uuid (a request id of another form is hashed into one). */
  public static String traceId(String requestId) {
    if (requestId == null) {
      return null;
    }
    String hex = requestId.startsWith("req-") ? requestId.substring(4).replace("-", "") : "";
    return isHex(hex, 32) ? hex : hash(requestId).substring(0, 32);
  }

  /** The span of a message's publish: the first 16 hex digits of its {@code _unique_id}. */
  public static String publishSpan(String uniqueId) {
    if (uniqueId == null) {
      return null;
    }
    return isHex(uniqueId, 32) ? uniqueId.substring(0, 16) : hash(uniqueId).substring(0, 16);
  }

  /** The span of one consumer's handling of a message (a fanout has one per consumer). */
  public static String consumeSpan(String uniqueId, String binary, String host) {
    return uniqueId == null ? null : hash(uniqueId + "/" + binary + "/" + host).substring(0, 16);
  }

  /** The span the code running now belongs to, null outside a handler. */
  static String current() {
    ContextInternal ctx = ContextInternal.current();
    return ctx == null ? null : ctx.getLocal(CURRENT);
  }

  /** Marks the current (duplicated) context as running in {@code span}. */
  static void enter(String span) {
    ContextInternal ctx = ContextInternal.current();
    if (ctx != null && ctx.isDuplicate()) {
      ctx.putLocal(CURRENT, span);
    }
  }

  /** 32 hex digits of the MD5 of {@code s}: stable in every process, and cheap. */
  private static String hash(String s) {
    return UUID.nameUUIDFromBytes(s.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
  }

  private static boolean isHex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Loaded by every Vert.x instance as it boots (META-INF/services), so {@link #CURRENT} exists in time. */
  public static final class Registration implements VertxServiceProvider {
    @Override
    public void init(VertxBootstrap builder) {
      if (CURRENT == null) {
        throw new IllegalStateException("trace span local not registered");
      }
    }
  }
}
