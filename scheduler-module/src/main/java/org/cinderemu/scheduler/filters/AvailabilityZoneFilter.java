package org.cinderemu.scheduler.filters;

import java.util.Objects;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;

/**
 * Keeps pools whose service AZ is among {@code request_spec.availability_zones}, or else equals
 * {@code resource_properties.availability_zone}; passes everything when the request names no AZ.
 */
public final class AvailabilityZoneFilter implements BackendFilter {

  public static final String NAME = "AvailabilityZoneFilter";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean passes(PoolState pool, SchedulingRequest request) {
    if (!request.availabilityZones().isEmpty()) {
      return request.availabilityZones().contains(pool.availabilityZone());
    }
    String zone = request.availabilityZone();
    if (zone != null && !zone.isEmpty()) {
      return Objects.equals(zone, pool.availabilityZone());
    }
    return true;
  }
}
