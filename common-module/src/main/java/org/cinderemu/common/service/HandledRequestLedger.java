package org.cinderemu.common.service;

import io.vertx.core.Future;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.rpc.RequestLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reliable delivery's ledger of handled casts, kept in the database the service shares with its peers. */
final class HandledRequestLedger implements RequestLedger {

  private static final Logger LOG = LoggerFactory.getLogger(HandledRequestLedger.class);
  /** A copy of a cast comes back within seconds (a re-send, a redelivery): a day of memory is plenty. */
  private static final long KEEP_HOURS = 24;

  private final Database db;

  HandledRequestLedger(Database db) {
    this.db = db;
  }

  @Override
  public Future<Boolean> handled(String uniqueId) {
    return db.handledRequests().contains(uniqueId);
  }

  @Override
  public Future<Void> record(String uniqueId, String method) {
    return db.handledRequests().add(uniqueId, method);
  }

  /** Forgets the requests handled over a day ago; a failure only leaves old rows behind. */
  static Future<Void> prune(Database db) {
    return db.handledRequests().prune(db.now().minusHours(KEEP_HOURS))
        .onSuccess(n -> LOG.debug("request ledger: {} old row(s) pruned", n))
        .recover(e -> {
          LOG.warn("request ledger not pruned: {}", e.getMessage());
          return Future.succeededFuture();
        })
        .mapEmpty();
  }
}
