package org.cinderemu.deploy.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.deploy.PrivateFiles;
import org.cinderemu.deploy.ServiceBinary;
import org.cinderemu.deploy.StackConfig;

/**
 * Writes a topology's confs into the state directory (0600: they hold the broker's and database's secrets) and
 * names the services that read them: the controller's in {@code <state>/cinder.conf}, each host's in
 * {@code <state>/hosts/<host>.conf}.
 */
public final class TopologyConfs {

  static final String HOSTS_DIR = "hosts";
  private static final String HEADER = "# written by cinder-emu up for %s; edits are lost on the next up\n";

  private TopologyConfs() {
  }

  public static Path hostConf(StackConfig stack, String host) {
    return stack.state().root().resolve(HOSTS_DIR).resolve(host + ".conf");
  }

  /** Writes every conf and returns the services in start order: controller first, then host by host. */
  public static List<ServiceUnit> write(Topology topology, StackConfig stack) {
    List<ServiceUnit> units = new ArrayList<>();
    Path controller = stack.state().conf();
    write(controller, "the controller", HostConfs.controller(stack.conf(), topology));
    units.add(ServiceUnit.controller(ServiceBinary.API, controller));
    units.add(ServiceUnit.controller(ServiceBinary.SCHEDULER, controller));
    if (topology.controllerBackup()) {
      units.add(ServiceUnit.controller(ServiceBinary.BACKUP, controller));
    }
    Path hostsDir = stack.state().root().resolve(HOSTS_DIR);
    try {
      PrivateFiles.directory(hostsDir);
      removeOtherHosts(hostsDir, topology);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + hostsDir, e);
    }
    for (HostSpec host : topology.hosts()) {
      Path conf = hostConf(stack, host.name());
      write(conf, "host " + host.name(), HostConfs.host(stack.conf(), host));
      if (!host.backends().isEmpty()) {
        units.add(ServiceUnit.onHost(ServiceBinary.VOLUME, host.name(), conf));
      }
      if (host.backup()) {
        units.add(ServiceUnit.onHost(ServiceBinary.BACKUP, host.name(), conf));
      }
    }
    return units;
  }

  /** A host of an earlier, larger topology leaves no conf behind that looks like part of this one. */
  private static void removeOtherHosts(Path hostsDir, Topology topology) throws IOException {
    Set<String> current = topology.hosts().stream().map(h -> h.name() + ".conf").collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(hostsDir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
        if (!current.contains(f.getFileName().toString())) {
          Files.delete(f);
        }
      }
    }
  }

  private static void write(Path file, String what, CinderConf conf) {
    try {
      PrivateFiles.write(file, String.format(HEADER, what) + conf.toIni());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
