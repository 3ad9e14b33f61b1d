package org.cinderemu.deploy.topology;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The machines `up` emulates beside the controller (cinder-api and cinder-scheduler): built from the shape flags
 * or a {@code --topology} file, both giving this same model. {@code controllerBackup}: the controller also runs
 * a cinder-backup (the default when no host runs one).
 */
public record Topology(List<HostSpec> hosts, boolean controllerBackup) {

  public Topology {
    hosts = List.copyOf(hosts);
    if (hosts.isEmpty()) {
      throw new TopologyException("a topology needs at least one host");
    }
    Set<String> seen = new HashSet<>();
    for (HostSpec h : hosts) {
      if (!seen.add(h.name())) {
        throw new TopologyException("host " + h.name() + " is named twice");
      }
    }
  }

  /** Every pool of every host, {@code host@backend#pool}. */
  public List<String> poolHosts() {
    return hosts.stream().flatMap(h -> h.poolHosts().stream()).toList();
  }
}
