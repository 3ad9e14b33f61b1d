package org.cinderemu.deploy.topology;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;
import org.cinderemu.common.service.ServiceOptions;
import org.cinderemu.volume.driver.BackendConfig;

/**
 * A {@code --topology} file (docs/topology.md), in cinder.conf's INI form and read by its parser: one
 * {@code [<host>]} section per emulated machine, one {@code [<host>/<backend>]} section per backend holding that
 * backend's cinder.conf options, and an optional {@code [controller]}. Keys are cinder.conf's own names where
 * cinder.conf has the setting; unknown sections and keys are refused, so a typo does not go unnoticed.
 */
public final class TopologyFile {

  static final String CONTROLLER = "controller";
  static final String BACKUP = "backup";
  private static final String BACKEND_SEPARATOR = "/";
  private static final List<Opt<?>> BACKEND_KEYS = List.of(BackendConfig.VOLUME_BACKEND_NAME,
      BackendConfig.EMULATOR_POOLS, BackendConfig.EMULATOR_TOTAL_CAPACITY_GB,
      BackendConfig.EMULATOR_THIN_PROVISIONING, BackendConfig.RESERVED_PERCENTAGE,
      BackendConfig.MAX_OVER_SUBSCRIPTION_RATIO, BackendConfig.BACKEND_AVAILABILITY_ZONE);

  private final CinderConf file;
  private final String source;

  private TopologyFile(CinderConf file, String source) {
    this.file = file;
    this.source = source;
  }

  public static Topology load(Path path) {
    CinderConf file;
    try {
      file = CinderConf.load(path);
    } catch (IOException e) {
      throw new TopologyException("cannot read topology file " + path + ": " + e);
    } catch (CinderConf.ConfigException e) {
      throw new TopologyException(e.getMessage());
    }
    return parse(file, path.toString());
  }

  public static Topology parse(CinderConf file, String source) {
    try {
      return new TopologyFile(file, source).topology();
    } catch (CinderConf.ConfigException e) {
      throw new TopologyException(source + ": " + e.getMessage());
    }
  }

  private Topology topology() {
    List<String> hostSections = new ArrayList<>();
    for (String section : file.sectionNames()) {
      if (section.equals(CinderConf.DEFAULT) || section.equals(CinderConf.BACKEND_DEFAULTS)) {
        throw error("[" + section + "]: a topology file has [controller], [<host>] and [<host>/<backend>] sections; "
            + "options for every service belong in the --config cinder.conf");
      }
      if (!section.equals(CONTROLLER) && !section.contains(BACKEND_SEPARATOR)) {
        hostSections.add(section);
      }
    }
    if (hostSections.isEmpty()) {
      throw error("no [<host>] section: a topology needs at least one host");
    }
    List<HostSpec> hosts = new ArrayList<>();
    for (String h : hostSections) {
      hosts.add(host(h));
    }
    refuseStrayBackendSections(hosts);
    boolean anyHostBackup = hosts.stream().anyMatch(HostSpec::backup);
    onlyKeys(CONTROLLER, Set.of(BACKUP));
    boolean controllerBackup = file.get(Opt.bool(CONTROLLER, BACKUP, !anyHostBackup));
    return new Topology(hosts, controllerBackup);
  }

  private HostSpec host(String section) {
    onlyKeys(section, Set.of(ServiceOptions.STORAGE_AVAILABILITY_ZONE.name(), BackendConfig.ENABLED_BACKENDS.name(),
        BACKUP));
    Optional<String> zone = file.find(in(section, ServiceOptions.STORAGE_AVAILABILITY_ZONE)).filter(z -> !z.isBlank());
    List<String> names = file.find(in(section, BackendConfig.ENABLED_BACKENDS)).orElse(List.of());
    if (new LinkedHashSet<>(names).size() != names.size()) {
      throw error("[" + section + "] enabled_backends names a backend twice: " + names);
    }
    List<BackendSpec> backends = new ArrayList<>();
    for (String b : names) {
      backends.add(backend(section + BACKEND_SEPARATOR + b, b));
    }
    return new HostSpec(section, zone, backends, file.get(Opt.bool(section, BACKUP, false)));
  }

  /** A backend section read with the driver's own options, so values parse exactly as in cinder.conf. */
  private BackendSpec backend(String section, String name) {
    String backendName = file.find(BackendConfig.VOLUME_BACKEND_NAME, section).orElse(name);
    List<String> poolNames = file.find(BackendConfig.EMULATOR_POOLS, section).filter(l -> !l.isEmpty())
        .orElse(List.of(backendName));
    Set<String> allowed = new LinkedHashSet<>();
    BACKEND_KEYS.forEach(o -> allowed.add(o.name()));
    poolNames.forEach(p -> allowed.add(BackendConfig.EMULATOR_POOL_TOTAL_CAPACITY_GB.named(p).name()));
    onlyKeys(section, allowed);
    double total = file.find(BackendConfig.EMULATOR_TOTAL_CAPACITY_GB, section)
        .orElse(TopologyShape.DEFAULT_POOL_CAPACITY_GB);
    List<PoolSpec> pools = new ArrayList<>();
    for (String p : poolNames) {
      pools.add(new PoolSpec(p, file.find(BackendConfig.EMULATOR_POOL_TOTAL_CAPACITY_GB.named(p), section)
          .orElse(total)));
    }
    return new BackendSpec(name, backendName, pools, file.get(BackendConfig.EMULATOR_THIN_PROVISIONING, section),
        file.find(BackendConfig.RESERVED_PERCENTAGE, section),
        file.find(BackendConfig.MAX_OVER_SUBSCRIPTION_RATIO, section),
        file.find(BackendConfig.BACKEND_AVAILABILITY_ZONE, section).filter(z -> !z.isBlank()));
  }

  private void refuseStrayBackendSections(List<HostSpec> hosts) {
    Set<String> expected = new LinkedHashSet<>();
    hosts.forEach(h -> h.backends().forEach(b -> expected.add(h.name() + BACKEND_SEPARATOR + b.name())));
    for (String section : file.sectionNames()) {
      if (section.contains(BACKEND_SEPARATOR) && !expected.contains(section)) {
        throw error("[" + section + "] is no backend of the topology: its host section must list it in "
            + "enabled_backends");
      }
    }
  }

  private void onlyKeys(String section, Set<String> allowed) {
    for (String key : file.section(section).keySet()) {
      if (!allowed.contains(key)) {
        throw error("[" + section + "] " + key + " is not a topology setting; allowed here: "
            + String.join(", ", allowed));
      }
    }
  }

  /** The same option read from another section: the host sections hold what a host's [DEFAULT] would. */
  private static <T> Opt<T> in(String section, Opt<T> opt) {
    return new Opt<>(section, opt.name(), opt.type(), opt.defaultValue(), opt.min(), opt.max(), opt.choices());
  }

  private TopologyException error(String message) {
    return new TopologyException(source + ": " + message);
  }
}
