package org.cinderemu.common.logging;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The request a piece of work belongs to, carried in the locals of a Vert.x duplicated context rather than the
 * thread's MDC: Vert.x runs every callback of a future, timer, DB or RPC reply on the context that started it, so
 * the id follows the request across asynchronous hops. {@link LogContextConverter} prints it.
 */
public final class LogContexts {

  /**
   * Registered before the first Vert.x instance exists (Vert.x sizes its contexts' locals then): {@link
   * LogContextRegistration} is a Vert.x service provider that loads this class.
   */
  static final ContextLocal<LogContext> LOCAL = ContextLocal.registerLocal(LogContext.class);

  private LogContexts() {
  }

  /** The log context of the code running now; null outside a request (startup, periodic tasks, other threads). */
  public static LogContext current() {
    Context ctx = Vertx.currentContext();
    return ctx == null ? null : ctx.getLocal(LOCAL);
  }

  /**
   * Sets the log context of the request the current duplicated context serves (Vert.x gives each HTTP request
   * one). Not done on an event loop's own context, which every request shares: false then, and lines stay [-].
   */
  public static boolean set(LogContext logContext) {
    ContextInternal ctx = ContextInternal.current();
    if (ctx == null || !ctx.isDuplicate()) {
      return false;
    }
    ctx.putLocal(LOCAL, logContext);
    return true;
  }

  /**
   * Runs {@code action} on a fresh duplicate of the current context (or of {@code vertx}'s) that carries {@code
   * logContext}: work that starts here (an RPC message's dispatch, a periodic task) logs as that request.
   */
  public static void runAs(Vertx vertx, LogContext logContext, Runnable action) {
    ContextInternal dup = ((ContextInternal) vertx.getOrCreateContext()).unwrap().duplicate();
    dup.putLocal(LOCAL, logContext);
    if (!dup.inThread()) {
      dup.runOnContext(v -> action.run());
      return;
    }
    ContextInternal previous = dup.beginDispatch();
    try {
      action.run();
    } finally {
      dup.endDispatch(previous);
    }
  }

  /**
   * {@code future}'s outcome, delivered on the current context. A future remembers the context it was made on
   * and runs the callbacks chained to it there, so a future cached by one request (a declared queue, an open
   * connection) would otherwise continue the next request under the first one's id.
   */
  public static <T> Future<T> onCurrentContext(Future<T> future) {
    ContextInternal ctx = ContextInternal.current();
    if (ctx == null) {
      return future;
    }
    PromiseInternal<T> promise = ctx.promise();
    future.onComplete(promise);
    return promise.future();
  }

  /** A promise whose callbacks run on the current context, whichever thread completes it. */
  public static <T> PromiseInternal<T> promise(Vertx vertx) {
    return ((ContextInternal) vertx.getOrCreateContext()).promise();
  }
}
