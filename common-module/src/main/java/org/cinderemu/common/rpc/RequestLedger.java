package org.cinderemu.common.rpc;

import io.vertx.core.Future;

/**
 * Where reliable delivery remembers the casts whose handler finished, by {@code _unique_id}, so that a redelivered
 * or re-sent copy is not handled twice even after a restart (docs/chaos.md "Delivery modes").
 */
public interface RequestLedger {

  /** Nothing remembered beyond the process: the servers' in-flight set alone. */
  RequestLedger NONE = new RequestLedger() {
    @Override
    public Future<Boolean> handled(String uniqueId) {
      return Future.succeededFuture(false);
    }

    @Override
    public Future<Void> record(String uniqueId, String method) {
      return Future.succeededFuture();
    }
  };

  /** True when a handler of this request already finished. */
  Future<Boolean> handled(String uniqueId);

  /** The handler of this request finished; recording it twice is no error. */
  Future<Void> record(String uniqueId, String method);
}
