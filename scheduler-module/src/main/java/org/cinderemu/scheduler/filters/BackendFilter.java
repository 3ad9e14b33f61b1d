package org.cinderemu.scheduler.filters;

import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;

/** One of Cinder's backend filters: keeps a pool or drops it for one request (docs/cinder-reference.md §6.3). */
public interface BackendFilter {

  /** The class name used in {@code scheduler_default_filters}. */
  String name();

  boolean passes(PoolState pool, SchedulingRequest request);
}
