package org.cinderemu.volume.driver;

import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.config.CinderConf;

/**
 * The emulated driver's options for one enabled backend. Cinder's own names where Cinder has them
 * ({@code volume_backend_name}, {@code reserved_percentage}, {@code max_over_subscription_ratio},
 * {@code backend_availability_zone}); {@code emulator_*} for what only an emulator needs.
 */
public record BackendConfig(
    String section,
    String volumeBackendName,
    String storageProtocol,
    String availabilityZone,
    List<PoolConfig> pools,
    long createLatencyMs,
    long deleteLatencyMs,
    int statsPollingIntervalSeconds,
    String dataStore) {

  public static BackendConfig from(CinderConf conf, String backend) {
    if (!conf.hasSection(backend)) {
      throw new CinderConf.ConfigException("enabled_backends names '" + backend
          + "' but cinder.conf has no [" + backend + "] section");
    }
    // Cinder's LVM driver names its single pool after volume_backend_name; so do we by default
    String backendName = conf.backendOption(backend, "volume_backend_name").orElse(backend);
    List<String> poolNames = conf.backendOption(backend, "emulator_pools").map(v -> List.of(v.split("\\s*,\\s*")))
        .orElse(List.of(backendName));
    double total = Double.parseDouble(conf.backendOption(backend, "emulator_total_capacity_gb").orElse("1000"));
    boolean thin = Boolean.parseBoolean(conf.backendOption(backend, "emulator_thin_provisioning").orElse("false"));
    double mosr = Double.parseDouble(conf.backendOption(backend, "max_over_subscription_ratio")
        .orElse(thin ? "20.0" : "1.0"));
    int reserved = Integer.parseInt(conf.backendOption(backend, "reserved_percentage").orElse("0"));
    List<PoolConfig> pools = new ArrayList<>();
    for (String p : poolNames) {
      String prefix = "emulator_pool_" + p + "_";
      pools.add(new PoolConfig(p,
          Double.parseDouble(conf.backendOption(backend, prefix + "total_capacity_gb").orElse(String.valueOf(total))),
          thin, mosr, reserved));
    }
    return new BackendConfig(backend, backendName,
        conf.backendOption(backend, "emulator_storage_protocol").orElse("local"),
        conf.backendOption(backend, "backend_availability_zone")
            .orElse(conf.getDefault("storage_availability_zone", "nova")),
        pools,
        Long.parseLong(conf.backendOption(backend, "emulator_create_latency_ms").orElse("0")),
        Long.parseLong(conf.backendOption(backend, "emulator_delete_latency_ms").orElse("0")),
        conf.getInt(CinderConf.DEFAULT, "backend_stats_polling_interval", 60),
        conf.backendOption(backend, "emulator_data_store").orElse("file"));
  }
}
