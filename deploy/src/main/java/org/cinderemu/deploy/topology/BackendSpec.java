package org.cinderemu.deploy.topology;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One enabled backend of an emulated host: its cinder.conf section name (the part after {@code @}), what it
 * reports as {@code volume_backend_name}, its pools and provisioning. Unset optionals keep the driver's defaults
 * (docs/configuration.md, "Volume backends").
 */
public record BackendSpec(
    String name,
    String volumeBackendName,
    List<PoolSpec> pools,
    boolean thin,
    Optional<Integer> reservedPercentage,
    Optional<Double> maxOverSubscriptionRatio,
    Optional<String> availabilityZone) {

  public BackendSpec {
    Names.require("backend", name);
    pools = List.copyOf(pools);
    if (pools.isEmpty()) {
      throw new TopologyException("backend " + name + " has no pool");
    }
    Set<String> seen = new HashSet<>();
    for (PoolSpec p : pools) {
      if (!seen.add(p.name())) {
        throw new TopologyException("backend " + name + " names pool " + p.name() + " twice");
      }
    }
    reservedPercentage.ifPresent(r -> {
      if (r < 0 || r > 100) {
        throw new TopologyException("backend " + name + ": reserved_percentage " + r + " is not 0 to 100");
      }
    });
  }
}
