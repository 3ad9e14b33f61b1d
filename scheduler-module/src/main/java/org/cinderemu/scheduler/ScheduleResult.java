package org.cinderemu.scheduler;

import io.vertx.core.json.JsonObject;
import org.cinderemu.scheduler.state.PoolState;

/**
 * The winning pool of a create, and the {@code filter_properties} to send on with the volume's
 * {@code create_volume} cast: the ones received, with {@code retry} updated (or absent when
 * {@code scheduler_max_attempts} is 1). Write {@code host = pool.host()}, {@code cluster_name =
 * pool.clusterName()} and {@code availability_zone = pool.availabilityZone()} to the volume row.
 */
public record ScheduleResult(PoolState pool, JsonObject filterProperties) {

  @Override
  public JsonObject filterProperties() {
    return filterProperties.copy();
  }
}
