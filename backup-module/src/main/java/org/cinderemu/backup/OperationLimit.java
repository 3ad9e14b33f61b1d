package org.cinderemu.backup;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * Cinder's backup semaphore ({@code backup_max_operations}): at most {@code limit} operations run at once, the
 * others wait in arrival order; 0 is unlimited. Used from the manager's event loop only, so it needs no lock.
 */
final class OperationLimit {

  private final int limit;
  private final Queue<Promise<Void>> waiting = new ArrayDeque<>();
  private int running;

  OperationLimit(int limit) {
    this.limit = limit;
  }

  /** Runs {@code operation} once a slot is free; the slot is given back whatever its outcome. */
  <T> Future<T> run(Supplier<Future<T>> operation) {
    if (limit <= 0) {
      return operation.get();
    }
    return acquire().compose(v -> operation.get().eventually(() -> {
      release();
      return Future.succeededFuture();
    }));
  }

  private Future<Void> acquire() {
    if (running < limit) {
      running++;
      return Future.succeededFuture();
    }
    Promise<Void> slot = Promise.promise();
    waiting.add(slot);
    return slot.future();
  }

  private void release() {
    Promise<Void> next = waiting.poll();
    if (next != null) {
      next.complete();  // the slot passes straight to the next operation
    } else {
      running--;
    }
  }

  int running() {
    return running;
  }

  int waiting() {
    return waiting.size();
  }
}
