package org.cinderemu.api.core;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.objects.VolumeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The volume services' availability zones, and the zones a new volume may be created in. */
final class AvailabilityZones {

  private static final Logger LOG = LoggerFactory.getLogger(AvailabilityZones.class);
  static final String VOLUME_TOPIC = org.cinderemu.common.rpc.api.ServiceTopic.VOLUME.topic();
  private static final String TYPE_AZ_SPEC = "RESKEY:availability_zones";

  private final ApiEnvironment env;

  AvailabilityZones(ApiEnvironment env) {
    this.env = env;
  }

  /**
   * Zones of the volume services, each available unless all its services are disabled (Cinder's
   * {@code list_availability_zones}), in the order the services were registered.
   */
  Future<Map<String, Boolean>> list() {
    return env.db().services().listByTopic(VOLUME_TOPIC).map(services -> {
      Map<String, Boolean> zones = new LinkedHashMap<>();
      for (Service s : services) {
        if (s.availabilityZone() != null) {
          zones.merge(s.availabilityZone(), !s.disabled(), Boolean::logicalOr);
        }
      }
      return zones;
    });
  }

  /**
   * Cinder's {@code _extract_availability_zones}: the requested zone (or the default) must be one of the
   * volume services' zones or storage_availability_zone; a type's {@code RESKEY:availability_zones}
   * narrows them.
   */
  Future<List<String>> forCreate(String requested, VolumeType type) {
    return list().compose(zones -> {
      Set<String> known = new LinkedHashSet<>(zones.keySet());
      known.add(env.options().storageAvailabilityZone());
      List<String> safe = new ArrayList<>(known);
      String typeZones = type.extraSpecs().get(TYPE_AZ_SPEC);
      boolean typeConfigured = typeZones != null;
      if (typeConfigured) {
        List<String> wanted = new ArrayList<>();
        for (String z : typeZones.split(",")) {
          if (!z.isBlank()) {
            wanted.add(z.strip());
          }
        }
        safe = wanted.stream().filter(known::contains).distinct().toList();
        if (safe.isEmpty()) {
          return Future.failedFuture(ApiException.badRequest("Availability zones " + wanted
              + " are invalid for the volume type."));
        }
      }
      String az = requested;
      if (az == null && !typeConfigured) {
        az = env.options().fallbackAvailabilityZone();
      }
      if (az != null && !safe.contains(az)) {
        if (!env.options().allowAvailabilityZoneFallback()) {
          return Future.failedFuture(ApiException.badRequest("Availability zone '" + az + "' is invalid."));
        }
        LOG.warn("Availability zone '{}' not found, falling back to '{}'", az,
            env.options().fallbackAvailabilityZone());
        az = env.options().fallbackAvailabilityZone();
      }
      return Future.succeededFuture(az != null ? List.of(az) : safe);
    });
  }
}
