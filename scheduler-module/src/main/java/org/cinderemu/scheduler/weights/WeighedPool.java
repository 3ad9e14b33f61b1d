package org.cinderemu.scheduler.weights;

import org.cinderemu.scheduler.state.PoolState;

/** A candidate pool and its summed, normalised weight: the highest wins. */
public record WeighedPool(PoolState pool, double weight) {
}
