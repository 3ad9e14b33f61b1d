package org.cinderemu.deploy.topology;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One emulated machine: its {@code [DEFAULT] host}, zone ({@code storage_availability_zone}), the backends its
 * cinder-volume serves and whether it also runs a cinder-backup.
 */
public record HostSpec(String name, Optional<String> zone, List<BackendSpec> backends, boolean backup) {

  public HostSpec {
    Names.require("host", name);
    backends = List.copyOf(backends);
    if (backends.isEmpty() && !backup) {
      throw new TopologyException("host " + name + " runs nothing: give it a backend or a backup service");
    }
    Set<String> seen = new HashSet<>();
    for (BackendSpec b : backends) {
      if (!seen.add(b.name())) {
        throw new TopologyException("host " + name + " names backend " + b.name() + " twice");
      }
    }
  }

  /** {@code host@backend#pool} of every pool, as the scheduler and {@code get_pools} name them. */
  public List<String> poolHosts() {
    return backends.stream().flatMap(b -> b.pools().stream().map(p -> name + "@" + b.name() + "#" + p.name()))
        .toList();
  }
}
