package org.cinderemu.common.rpc;

import java.util.concurrent.atomic.AtomicLong;

/** Per-transport counters of what the RPC layer did; later exported as metrics. */
public final class RpcStats {
  public final AtomicLong published = new AtomicLong();
  public final AtomicLong publishFailures = new AtomicLong();
  public final AtomicLong received = new AtomicLong();
  public final AtomicLong dispatched = new AtomicLong();
  public final AtomicLong duplicates = new AtomicLong();
  public final AtomicLong malformed = new AtomicLong();
  public final AtomicLong rejected = new AtomicLong();
  /** Messages whose arguments a handler's parser refused (missing or of the wrong type). */
  public final AtomicLong badArguments = new AtomicLong();
  public final AtomicLong dropped = new AtomicLong();
  public final AtomicLong timeouts = new AtomicLong();
  /** Times the connection came back after the broker or the network dropped it. */
  public final AtomicLong reconnects = new AtomicLong();
  /** Reliable mode: deliveries put back on their queue after their handler crashed. */
  public final AtomicLong requeued = new AtomicLong();
  /** Reliable mode: deliveries acked without success after {@code ReliableDelivery.MAX_ATTEMPTS} crashes. */
  public final AtomicLong givenUp = new AtomicLong();
  /** Reliable mode: publishes sent again (nacked, or unconfirmed when the channel was lost). */
  public final AtomicLong republished = new AtomicLong();

  @Override
  public String toString() {
    return "published=" + published + " received=" + received + " dispatched=" + dispatched
        + " duplicates=" + duplicates + " malformed=" + malformed + " rejected=" + rejected
        + " badArguments=" + badArguments + " dropped=" + dropped + " timeouts=" + timeouts + " publishFailures=" + publishFailures + " reconnects=" + reconnects
        + " requeued=" + requeued + " givenUp=" + givenUp + " republished=" + republished;
  }
}
