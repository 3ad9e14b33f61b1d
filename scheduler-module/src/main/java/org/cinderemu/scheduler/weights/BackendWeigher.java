package org.cinderemu.scheduler.weights;

import java.util.List;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;

/**
 * One of Cinder's weighers (docs/cinder-reference.md §6.5): gives every candidate pool a raw weight; the handler then
 * normalises the weights to 0..1 and adds them up times {@link #multiplier()}.
 */
public interface BackendWeigher {

  /** The class name used in {@code scheduler_default_weighers}. */
  String name();

  double multiplier();

  /** Raw weights, one per pool, same order. */
  double[] weigh(List<PoolState> pools, SchedulingRequest request);
}
