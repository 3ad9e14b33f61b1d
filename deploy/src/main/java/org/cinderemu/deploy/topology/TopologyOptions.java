package org.cinderemu.deploy.topology;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.deploy.ChildSpec;
import org.cinderemu.deploy.RecordedStack;
import org.cinderemu.deploy.ServiceBinary;
import org.cinderemu.deploy.StackConfig;
import org.cinderemu.deploy.topology.TopologyShape.Backup;
import org.cinderemu.deploy.topology.TopologyShape.Provisioning;
import picocli.CommandLine.Option;

/**
 * The options of {@code up} that choose what runs (docs/topology.md): a regular shape by flags or a
 * {@code --topology} file, and {@code --in-process}. With none of them, {@code up} runs the --config file's
 * services as before: one cinder-volume serving its enabled_backends, and one of each other service.
 */
public final class TopologyOptions {

  @Option(names = "--topology", paramLabel = "FILE",
      description = "emulated hosts, zones, backends and pools from an INI file (docs/topology.md)")
  Path file;

  @Option(names = "--hosts", paramLabel = "N", description = "emulate N hosts node1..nodeN, each its own "
      + "cinder-volume (default with any shape option: 1)")
  Integer hosts;

  @Option(names = "--backends-per-host", paramLabel = "M", description = "backends b1..bM on each host (default: 1)")
  Integer backendsPerHost;

  @Option(names = "--pools-per-backend", paramLabel = "K", description = "pools pool1..poolK per backend (default: 1)")
  Integer poolsPerBackend;

  @Option(names = "--pool-capacity-gb", paramLabel = "GB", split = ",",
      description = "total GB of each pool; several values are cycled over a backend's pools (default: "
          + TopologyShape.DEFAULT_POOL_CAPACITY_GB + ")")
  List<Double> poolCapacities;

  @Option(names = "--zones", paramLabel = "AZ", split = ",",
      description = "availability zones, given to the hosts round-robin")
  List<String> zones;

  @Option(names = "--thin", description = "every backend thin provisioned")
  boolean thin;

  @Option(names = "--thick", description = "every backend thick provisioned (the default)")
  boolean thick;

  @Option(names = "--provisioning", paramLabel = "thin|thick", split = ",",
      description = "provisioning cycled over each host's backends, e.g. thin,thick")
  List<String> provisioning;

  @Option(names = "--reserved-percentage", paramLabel = "P", description = "reserved_percentage of every backend")
  Integer reservedPercentage;

  @Option(names = "--max-over-subscription-ratio", paramLabel = "R",
      description = "max_over_subscription_ratio of every backend (default: 20.0 thin, 1.0 thick)")
  Double maxOverSubscriptionRatio;

  @Option(names = "--backup-per-host", description = "a cinder-backup on every host (default: one on the controller)")
  boolean backupPerHost;

  @Option(names = "--no-backup", description = "no cinder-backup at all")
  boolean noBackup;

  @Option(names = "--in-process", description = "every service as verticles of one JVM (default: one JVM per "
      + "service, so that chaos experiments can kill one)")
  boolean inProcess;

  private Optional<Topology> topology;
  private List<List<ServiceUnit>> unitsPerChild = List.of();

  /** Refuses contradictory options and a bad topology before anything starts. */
  public void refuseBadInput(CinderConf base) {
    if (topology().isEmpty()) {
      ServiceBinary.enabledBackends(base);  // the same refusal cinder-volume makes
    }
  }

  /** The children `up` supervises, their confs written: the hook between `up` and the topology. */
  public List<ChildSpec> children(StackConfig stack, Path conf) {
    List<ServiceUnit> units = topology().map(t -> TopologyConfs.write(t, stack))
        .orElseGet(() -> List.of(ServiceBinary.values()).stream().map(b -> ServiceUnit.controller(b, conf)).toList());
    List<ChildSpec> children = inProcess ? List.of(ServiceUnit.oneProcess(units))
        : units.stream().map(ServiceUnit::ownProcess).toList();
    unitsPerChild = inProcess ? List.of(units) : units.stream().map(List::of).toList();
    // status and down find a topology's children (cinder-volume@node2, ...) through this record
    RecordedStack.remember(stack.state(), children.stream().map(ChildSpec::name).toList());
    return children;
  }

  /** The units each child of the last {@link #children} runs, in the same order: what `up` waits for. */
  public List<List<ServiceUnit>> unitsPerChild() {
    return unitsPerChild;
  }

  /** The topology the options describe; empty when none is given (the --config file's services). */
  public Optional<Topology> topology() {
    if (topology == null) {
      topology = describedTopology();
    }
    return topology;
  }

  private Optional<Topology> describedTopology() {
    boolean shaped = hosts != null || backendsPerHost != null || poolsPerBackend != null || poolCapacities != null
        || zones != null || thin || thick || provisioning != null || reservedPercentage != null
        || maxOverSubscriptionRatio != null || backupPerHost || noBackup;
    if (file != null) {
      if (shaped) {
        throw new TopologyException("--topology describes the whole topology: give it without the shape "
            + "options (--hosts, --zones, --thin, --backup-per-host, ...)");
      }
      return Optional.of(TopologyFile.load(file));
    }
    return shaped ? Optional.of(shape().toTopology()) : Optional.empty();
  }

  TopologyShape shape() {
    if ((thin ? 1 : 0) + (thick ? 1 : 0) + (provisioning != null ? 1 : 0) > 1) {
      throw new TopologyException("give one of --thin, --thick and --provisioning");
    }
    if (backupPerHost && noBackup) {
      throw new TopologyException("give one of --backup-per-host and --no-backup");
    }
    List<Provisioning> prov = thin ? List.of(Provisioning.THIN) : thick ? List.of(Provisioning.THICK)
        : provisioning == null ? List.of() : provisioning.stream().map(Provisioning::parse).toList();
    Backup backup = backupPerHost ? Backup.PER_HOST : noBackup ? Backup.NONE : Backup.CONTROLLER;
    return new TopologyShape(orOne(hosts), orOne(backendsPerHost), orOne(poolsPerBackend),
        poolCapacities == null ? List.of() : poolCapacities, zones == null ? List.of() : zones, prov, backup,
        Optional.ofNullable(reservedPercentage), Optional.ofNullable(maxOverSubscriptionRatio));
  }

  private static int orOne(Integer value) {
    return value == null ? 1 : value;
  }
}
