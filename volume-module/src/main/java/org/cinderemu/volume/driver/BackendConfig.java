package org.cinderemu.volume.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;
import org.cinderemu.common.service.ServiceOptions;

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

  private static final String B = Opt.BACKEND;

  public static final Opt<List<String>> ENABLED_BACKENDS = Opt.list(CinderConf.DEFAULT, "enabled_backends", null);
  public static final Opt<Integer> BACKEND_STATS_POLLING_INTERVAL =
      Opt.integer(CinderConf.DEFAULT, "backend_stats_polling_interval", 60, 3, null);
  /** Default: the section name. */
  public static final Opt<String> VOLUME_BACKEND_NAME = Opt.string(B, "volume_backend_name", null);
  /** Default: {@code [DEFAULT] host}. */
  /** Cinder's active-active cluster name; each backend's cluster is {@code <cluster>@<backend>}. */
  public static final Opt<String> CLUSTER = Opt.string(CinderConf.DEFAULT, "cluster", null);
  public static final Opt<String> BACKEND_HOST = Opt.string(B, "backend_host", null);
  /** Default: {@code [DEFAULT] storage_availability_zone}. */
  public static final Opt<String> BACKEND_AVAILABILITY_ZONE = Opt.string(B, "backend_availability_zone", null);
  public static final Opt<Integer> RESERVED_PERCENTAGE = Opt.integer(B, "reserved_percentage", 0, 0, 100);
  /** Default: 20.0 for a thin backend, 1.0 for a thick one. */
  public static final Opt<Double> MAX_OVER_SUBSCRIPTION_RATIO =
      Opt.floating(B, "max_over_subscription_ratio", null, 0.0, null);
  /** Default: one pool named after volume_backend_name, as Cinder's LVM driver does. */
  public static final Opt<List<String>> EMULATOR_POOLS = Opt.list(B, "emulator_pools", null);
  public static final Opt<Double> EMULATOR_TOTAL_CAPACITY_GB =
      Opt.floating(B, "emulator_total_capacity_gb", 1000.0, 0.0, null);
  /** Default: emulator_total_capacity_gb. */
  public static final Opt<Double> EMULATOR_POOL_TOTAL_CAPACITY_GB =
      Opt.floating(B, "emulator_pool_<pool>_total_capacity_gb", null, 0.0, null);
  public static final Opt<Boolean> EMULATOR_THIN_PROVISIONING = Opt.bool(B, "emulator_thin_provisioning", false);
  public static final Opt<String> EMULATOR_STORAGE_PROTOCOL = Opt.string(B, "emulator_storage_protocol", "local");
  public static final Opt<Integer> EMULATOR_CREATE_LATENCY_MS =
      Opt.integer(B, "emulator_create_latency_ms", 0, 0, null);
  public static final Opt<Integer> EMULATOR_DELETE_LATENCY_MS =
      Opt.integer(B, "emulator_delete_latency_ms", 0, 0, null);
  public static final Opt<String> EMULATOR_DATA_STORE = Opt.choice(B, "emulator_data_store", "file", "file", "memory");
  public static final Opt<Double> EMULATOR_CREATE_FAILURE_RATE =
      Opt.floating(B, "emulator_create_failure_rate", 0.0, 0.0, 1.0);
  /** 0: an ephemeral port. */
  public static final Opt<Integer> EMULATOR_DATA_PORT = Opt.integer(B, "emulator_data_port", 0, 0, 65535);
  public static final Opt<String> EMULATOR_DATA_LISTEN = Opt.string(CinderConf.DEFAULT, "emulator_data_listen",
      "127.0.0.1");
  /** Cinder's own option for the address other nodes reach this one at (Cinder's default: the host's IPv4). */
  public static final Opt<String> MY_IP = Opt.string(CinderConf.DEFAULT, "my_ip", "127.0.0.1");
  public static final Opt<Integer> MIGRATION_CREATE_VOLUME_TIMEOUT_SECS =
      Opt.integer(CinderConf.DEFAULT, "migration_create_volume_timeout_secs", 300);

  public static BackendConfig from(CinderConf conf, String backend) {
    if (!conf.hasSection(backend)) {
      throw new CinderConf.ConfigException("enabled_backends names '" + backend
          + "' but cinder.conf has no [" + backend + "] section");
    }
    // Cinder's LVM driver names its single pool after volume_backend_name; so do we by default
    String backendName = conf.find(VOLUME_BACKEND_NAME, backend).orElse(backend);
    List<String> poolNames = conf.find(EMULATOR_POOLS, backend).filter(l -> !l.isEmpty()).orElse(List.of(backendName));
    double total = conf.get(EMULATOR_TOTAL_CAPACITY_GB, backend);
    boolean thin = conf.get(EMULATOR_THIN_PROVISIONING, backend);
    double mosr = conf.find(MAX_OVER_SUBSCRIPTION_RATIO, backend).orElse(thin ? 20.0 : 1.0);
    int reserved = conf.get(RESERVED_PERCENTAGE, backend);
    List<PoolConfig> pools = new ArrayList<>();
    for (String p : poolNames) {
      pools.add(new PoolConfig(p, conf.find(EMULATOR_POOL_TOTAL_CAPACITY_GB.named(p), backend).orElse(total),
          thin, mosr, reserved));
    }
    return new BackendConfig(backend, backendName,
        conf.get(EMULATOR_STORAGE_PROTOCOL, backend),
        conf.find(BACKEND_AVAILABILITY_ZONE, backend).orElseGet(() -> conf.get(ServiceOptions.STORAGE_AVAILABILITY_ZONE)),
        pools,
        conf.get(EMULATOR_CREATE_LATENCY_MS, backend),
        conf.get(EMULATOR_DELETE_LATENCY_MS, backend),
        conf.get(BACKEND_STATS_POLLING_INTERVAL),
        conf.get(EMULATOR_DATA_STORE, backend).toLowerCase(Locale.ROOT));
  }
}
