package org.cinderemu.deploy.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The regular topology the flags describe: {@code hosts} machines {@code node1..nodeN}, each with backends
 * {@code b1..bM} (volume_backend_name = the section name, so a type pinned to {@code b2} may land on any host's
 * b2), each with pools {@code pool1..poolK}. Lists are cycled: zones over hosts, provisioning over each host's
 * backends, capacities over each backend's pools.
 */
public record TopologyShape(
    int hosts,
    int backendsPerHost,
    int poolsPerBackend,
    List<Double> poolCapacitiesGb,
    List<String> zones,
    List<Provisioning> provisioning,
    Backup backup,
    Optional<Integer> reservedPercentage,
    Optional<Double> maxOverSubscriptionRatio) {

  public static final double DEFAULT_POOL_CAPACITY_GB = 1000.0;
  static final String HOST_PREFIX = "node";
  static final String BACKEND_PREFIX = "b";
  static final String POOL_PREFIX = "pool";

  /** Thin or thick provisioning of a backend ({@code emulator_thin_provisioning}). */
  public enum Provisioning {
    THIN, THICK;

    public static Provisioning parse(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "thin" -> THIN;
        case "thick" -> THICK;
        default -> throw new TopologyException("provisioning '" + value + "' is neither thin nor thick");
      };
    }
  }

  /** Where cinder-backup runs: once on the controller (the seed lab's way), on every host, or nowhere. */
  public enum Backup { CONTROLLER, PER_HOST, NONE }

  public TopologyShape {
    positive("--hosts", hosts);
    positive("--backends-per-host", backendsPerHost);
    positive("--pools-per-backend", poolsPerBackend);
    poolCapacitiesGb = poolCapacitiesGb.isEmpty() ? List.of(DEFAULT_POOL_CAPACITY_GB) : List.copyOf(poolCapacitiesGb);
    zones = List.copyOf(zones);
    provisioning = provisioning.isEmpty() ? List.of(Provisioning.THICK) : List.copyOf(provisioning);
  }

  private static void positive(String flag, int value) {
    if (value < 1) {
      throw new TopologyException(flag + " must be at least 1, not " + value);
    }
  }

  public Topology toTopology() {
    List<HostSpec> out = new ArrayList<>();
    for (int h = 0; h < hosts; h++) {
      List<BackendSpec> backends = new ArrayList<>();
      for (int b = 0; b < backendsPerHost; b++) {
        String name = BACKEND_PREFIX + (b + 1);
        List<PoolSpec> pools = new ArrayList<>();
        for (int p = 0; p < poolsPerBackend; p++) {
          pools.add(new PoolSpec(POOL_PREFIX + (p + 1), cycle(poolCapacitiesGb, p)));
        }
        backends.add(new BackendSpec(name, name, pools, cycle(provisioning, b) == Provisioning.THIN,
            reservedPercentage, maxOverSubscriptionRatio, Optional.empty()));
      }
      Optional<String> zone = zones.isEmpty() ? Optional.empty() : Optional.of(cycle(zones, h));
      out.add(new HostSpec(HOST_PREFIX + (h + 1), zone, backends, backup == Backup.PER_HOST));
    }
    return new Topology(out, backup == Backup.CONTROLLER);
  }

  private static <T> T cycle(List<T> values, int index) {
    return values.get(index % values.size());
  }
}
