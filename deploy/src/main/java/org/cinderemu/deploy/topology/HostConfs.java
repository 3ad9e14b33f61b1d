package org.cinderemu.deploy.topology;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cinderemu.api.core.ApiOptions;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;
import org.cinderemu.common.service.ServiceOptions;
import org.cinderemu.volume.driver.BackendConfig;

/**
 * The cinder.conf of each emulated host, derived from the stack's own (database, transport_url, state_path and
 * every other option stay): {@code [DEFAULT] host}, its zone, {@code enabled_backends} and one section per
 * backend, as that machine's /etc/cinder/cinder.conf would hold. The base file's own backends are left out.
 */
public final class HostConfs {

  private HostConfs() {
  }

  /** The controller's conf (cinder-api, cinder-scheduler): the base, with a default zone that exists. */
  public static CinderConf controller(CinderConf base, Topology topology) {
    // volumes created without a zone get default_availability_zone, else storage_availability_zone ("nova"),
    // which no host of a zoned topology is in: the first host's zone keeps a plain create working
    if (base.find(ApiOptions.DEFAULT_AVAILABILITY_ZONE).isPresent()) {
      return base;
    }
    return topology.hosts().get(0).zone()
        .map(zone -> base.with(ApiOptions.DEFAULT_AVAILABILITY_ZONE, zone))
        .orElse(base);
  }

  public static CinderConf host(CinderConf base, HostSpec host) {
    // [backend_defaults] reaches every backend of every host (the base file's own backend sections are dropped)
    if (base.find(BackendConfig.BACKEND_HOST, CinderConf.BACKEND_DEFAULTS).isPresent()) {
      throw new TopologyException("[backend_defaults] backend_host would give every emulated host's backends one "
          + "host name; remove it from the --config file");
    }
    CinderConf conf = withoutBackends(base);
    conf = conf.with(ServiceOptions.HOST, host.name());
    if (host.zone().isPresent()) {
      conf = conf.with(ServiceOptions.STORAGE_AVAILABILITY_ZONE, host.zone().get());
    }
    if (!host.backends().isEmpty()) {
      conf = conf.with(BackendConfig.ENABLED_BACKENDS,
          host.backends().stream().map(BackendSpec::name).collect(Collectors.joining(",")));
    }
    for (BackendSpec b : host.backends()) {
      conf = backend(conf, b);
    }
    return conf;
  }

  private static CinderConf backend(CinderConf conf, BackendSpec b) {
    String s = b.name();
    conf = set(conf, s, BackendConfig.VOLUME_BACKEND_NAME, b.volumeBackendName());
    conf = set(conf, s, BackendConfig.EMULATOR_POOLS,
        b.pools().stream().map(PoolSpec::name).collect(Collectors.joining(",")));
    for (PoolSpec p : b.pools()) {
      conf = set(conf, s, BackendConfig.EMULATOR_POOL_TOTAL_CAPACITY_GB.named(p.name()),
          Double.toString(p.totalCapacityGb()));
    }
    conf = set(conf, s, BackendConfig.EMULATOR_THIN_PROVISIONING, Boolean.toString(b.thin()));
    if (b.reservedPercentage().isPresent()) {
      conf = set(conf, s, BackendConfig.RESERVED_PERCENTAGE, b.reservedPercentage().get().toString());
    }
    if (b.maxOverSubscriptionRatio().isPresent()) {
      conf = set(conf, s, BackendConfig.MAX_OVER_SUBSCRIPTION_RATIO, b.maxOverSubscriptionRatio().get().toString());
    }
    if (b.availabilityZone().isPresent()) {
      conf = set(conf, s, BackendConfig.BACKEND_AVAILABILITY_ZONE, b.availabilityZone().get());
    }
    return conf;
  }

  /** A per-backend option in the backend's own section ({@code with(Opt, ...)} would set [backend_defaults]). */
  private static CinderConf set(CinderConf conf, String backend, Opt<?> opt, String value) {
    return conf.with(backend, opt.name(), value);
  }

  /** The base without its enabled_backends and their sections ([backend_defaults] stays: it applies to all). */
  static CinderConf withoutBackends(CinderConf base) {
    Set<String> backends = Set.copyOf(base.find(BackendConfig.ENABLED_BACKENDS).orElse(List.of()));
    CinderConf out = CinderConf.empty();
    for (String section : base.sectionNames()) {
      if (backends.contains(section)) {
        continue;
      }
      for (var e : base.section(section).entrySet()) {
        boolean enabledBackends = section.equals(CinderConf.DEFAULT)
            && e.getKey().equals(BackendConfig.ENABLED_BACKENDS.name());
        if (!enabledBackends) {
          out = out.with(section, e.getKey(), e.getValue());
        }
      }
    }
    return out;
  }
}
