package org.cinderemu.common.rpc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The one hook around every publish and every dispatch of a transport, where metrics, traces and
 * chaos rules (drop, delay, duplicate, fail) plug in. Return the message to go on with (possibly
 * changed, possibly later); fail the future with {@link Dropped} to drop it silently, or, before dispatch, with
 * {@link Failed} to have the server treat the message as if its handler had failed.
 */
public interface RpcInterceptor {

  default Future<OutgoingMessage> beforePublish(OutgoingMessage message) {
    return Future.succeededFuture(message);
  }

  default Future<IncomingMessage> beforeDispatch(IncomingMessage message) {
    return Future.succeededFuture(message);
  }

  /** Told once the handler of a dispatched message ended, {@code failure} null on success; must not block. */
  default void afterDispatch(IncomingMessage message, Throwable failure) {
  }

  /** Told of each reply a client consumes from its {@code queue} (inner message), before the caller hears. */
  default void onReply(String queue, JsonObject inner) {
  }

  /** A client's cast, fanout cast or call starts (before its message enters the chain); metrics count it here. */
  default void invocationStarted(RpcInvocation invocation) {
  }

  /**
   * That invocation ended: a cast once published, a call once answered; {@code failure} is null on success, else
   * what the caller got (a {@link MessagingTimeout}, a {@link RemoteError}, a publish failure).
   */
  default void invocationEnded(RpcInvocation invocation, long elapsedNanos, Throwable failure) {
  }

  /** A server hands a request that passed the chain to its dispatcher. */
  default void dispatchStarted(Target server, IncomingMessage message) {
  }

  /** The dispatcher's handler finished; {@code failure} is null on success. */
  default void dispatchEnded(Target server, IncomingMessage message, long elapsedNanos, Throwable failure) {
  }

  /** Signals that an interceptor dropped the message on purpose. */
  final class Dropped extends RuntimeException {
    public Dropped(String why) {
      super(why, null, false, false);
    }
  }

  /** Signals that the message's handling fails with {@code error} instead (a call gets it as its reply). */
  final class Failed extends RuntimeException {
    private final RemoteError error;

    public Failed(RemoteError error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }

    public RemoteError error() {
      return error;
    }
  }
}
