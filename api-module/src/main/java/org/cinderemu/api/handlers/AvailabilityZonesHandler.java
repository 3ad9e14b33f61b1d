package org.cinderemu.api.handlers;

import org.cinderemu.api.core.VolumeApi;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.views.QuotaViews;

/** {@code GET /os-availability-zone}: the zones of the volume services, available unless all are disabled. */
public final class AvailabilityZonesHandler implements ResourceRoutes {

  private final VolumeApi volumes;

  public AvailabilityZonesHandler(VolumeApi volumes) {
    this.volumes = volumes;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/os-availability-zone", req -> volumes.listAvailabilityZones()
        .map(zones -> ApiResponse.ok(QuotaViews.availabilityZones(zones))));
  }
}
