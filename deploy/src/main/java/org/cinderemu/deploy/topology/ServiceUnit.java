package org.cinderemu.deploy.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.deploy.ChildSpec;
import org.cinderemu.deploy.CinderEmu;
import org.cinderemu.deploy.ServiceBinary;
import org.cinderemu.deploy.ServiceCommand;
import org.cinderemu.deploy.ServicesCommand;

/**
 * One service of a deployment: its child name (the binary, or {@code binary@host} on an emulated host; also the
 * name of its pid, ready and log files), the binary and the cinder.conf it reads.
 */
public record ServiceUnit(String name, ServiceBinary binary, Path conf) {

  /** The one child of {@code up --in-process}. */
  public static final String IN_PROCESS_NAME = "cinder-services";

  /** The controller's services keep the plain binary name, as in the seed lab. */
  public static ServiceUnit controller(ServiceBinary binary, Path conf) {
    return new ServiceUnit(binary.binaryName(), binary, conf);
  }

  public static ServiceUnit onHost(ServiceBinary binary, String host, Path conf) {
    return new ServiceUnit(binary.binaryName() + "@" + host, binary, conf);
  }

  /** Its own JVM: {@code cinder-emu service <binary> --config <conf> [--name <name>]}. */
  public ChildSpec ownProcess() {
    ChildSpec spec = ChildSpec.service(binary, conf);
    if (name.equals(binary.binaryName())) {
      return spec;
    }
    List<String> cmd = new ArrayList<>(spec.command());
    cmd.addAll(List.of(ServiceCommand.NAME_OPTION, name));
    return new ChildSpec(name, cmd);
  }

  /** Every unit as verticles of one JVM: {@code cinder-emu services --config A --binaries x,y --config B ...}. */
  public static ChildSpec oneProcess(List<ServiceUnit> units) {
    Map<Path, List<String>> byConf = new LinkedHashMap<>();
    units.forEach(u -> byConf.computeIfAbsent(u.conf(), c -> new ArrayList<>()).add(u.binary().binaryName()));
    List<String> args = new ArrayList<>(List.of(ServicesCommand.NAME, ServiceCommand.NAME_OPTION, IN_PROCESS_NAME));
    byConf.forEach((conf, binaries) -> args.addAll(List.of(ServicesCommand.CONFIG_OPTION, conf.toString(),
        ServicesCommand.BINARIES_OPTION, String.join(",", binaries))));
    return ChildSpec.javaMain(IN_PROCESS_NAME, CinderEmu.class.getName(), args);
  }
}
