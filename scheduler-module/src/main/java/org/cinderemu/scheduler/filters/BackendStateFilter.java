package org.cinderemu.scheduler.filters;

import java.util.Locale;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;

/**
 * Emulator filter, not Cinder's and not in its defaults: drops a pool whose last report says {@code backend_state}
 * {@code down} (or false). Cinder's own filters never read that capability (docs/cinder-reference.md §6.3); add
 * this name to {@code scheduler_default_filters} to see a scheduler that would.
 */
public final class BackendStateFilter implements BackendFilter {

  public static final String NAME = "BackendStateFilter";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean passes(PoolState pool, SchedulingRequest request) {
    Object state = pool.capability("backend_state");
    if (state instanceof Boolean up) {
      return up;
    }
    return state == null || !"down".equals(state.toString().toLowerCase(Locale.ROOT));
  }
}
