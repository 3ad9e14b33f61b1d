package org.cinderemu.common.rpc;

import io.vertx.core.Future;

/**
 * The one hook around every publish and every dispatch of a transport, where metrics, traces and
 * chaos rules (drop, delay, duplicate, fail) plug in. Return the message to go on with (possibly
 * changed, possibly later); fail the future with {@link Dropped} to drop it silently.
 */
public interface RpcInterceptor {

  default Future<OutgoingMessage> beforePublish(OutgoingMessage message) {
    return Future.succeededFuture(message);
  }

  default Future<IncomingMessage> beforeDispatch(IncomingMessage message) {
    return Future.succeededFuture(message);
  }

  /** Signals that an interceptor dropped the message on purpose. */
  final class Dropped extends RuntimeException {
    public Dropped(String why) {
      super(why, null, false, false);
    }
  }
}
