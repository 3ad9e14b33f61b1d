package org.cinderemu.scheduler.state;

import java.util.Objects;

/**
 * One {@code services} row the caller read with {@code topic=cinder-volume, disabled=False, frozen=False} and
 * found up (docs/cinder-reference.md §6.2): the only input the scheduler takes from the database.
 *
 * @param host             {@code host@backend}
 * @param clusterName      {@code cluster@backend}, or null when not clustered
 * @param availabilityZone the service's AZ, written to the volume row when one of its pools wins
 */
public record ActiveVolumeService(String host, String clusterName, String availabilityZone) {

  public ActiveVolumeService {
    Objects.requireNonNull(host, "host");
    if (clusterName != null && clusterName.isEmpty()) {
      clusterName = null;
    }
  }

  /** {@code service_topic_queue}: the key capabilities and backend states are stored under. */
  public String backendKey() {
    return clusterName != null ? clusterName : host;
  }
}
