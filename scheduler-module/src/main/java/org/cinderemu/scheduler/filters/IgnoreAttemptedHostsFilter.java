package org.cinderemu.scheduler.filters;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;

/**
 * Optional filter (not in Cinder's defaults): skips pools already tried by earlier attempts of this request,
 * as listed in {@code retry.backends} (or the older {@code retry.hosts}).
 */
public final class IgnoreAttemptedHostsFilter implements BackendFilter {

  public static final String NAME = "IgnoreAttemptedHostsFilter";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean passes(PoolState pool, SchedulingRequest request) {
    JsonObject retry = request.retry();
    if (retry == null || retry.isEmpty()) {
      return true; // rescheduling is disabled
    }
    Object tried = retry.containsKey("backends") ? retry.getValue("backends") : retry.getValue("hosts");
    return !(tried instanceof JsonArray list && list.contains(pool.backendId()));
  }
}
