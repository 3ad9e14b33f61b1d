package org.cinderemu.deploy;

import io.vertx.core.Deployable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.service.ServiceOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cinder-emu services --config A --binaries cinder-api,cinder-scheduler --config B --binaries
 * cinder-volume ...}: many services as verticles of one JVM ({@code up --in-process}). Each keeps its own conf,
 * so its own host name, RPC connection and services row, as if it ran alone.
 */
@Command(name = ServicesCommand.NAME, mixinStandardHelpOptions = true,
    description = "Run several services in this JVM until SIGTERM, each with its own cinder.conf (one emulated "
        + "host each). Writes <state_path>/run/<name>.ready once every verticle is deployed.")
public final class ServicesCommand implements Callable<Integer> {

  public static final String NAME = "services";
  public static final String CONFIG_OPTION = "--config";
  public static final String BINARIES_OPTION = "--binaries";

  /** One cinder.conf and the services that read it. */
  static final class Unit {
    @Option(names = CONFIG_OPTION, required = true, paramLabel = "FILE", description = "a cinder.conf")
    Path config;

    @Option(names = BINARIES_OPTION, required = true, split = ",", paramLabel = "BINARY",
        converter = ServiceCommand.BinaryConverter.class, description = "the services that run with it")
    List<ServiceBinary> binaries;
  }

  @ArgGroup(exclusive = false, multiplicity = "1..*")
  List<Unit> units;

  @Option(names = ServiceCommand.NAME_OPTION, required = true, paramLabel = "NAME",
      description = "name of the ready file")
  String name;

  @Override
  public Integer call() throws Exception {
    List<CinderConf> confs = new ArrayList<>();
    for (Unit u : units) {
      confs.add(CinderConf.load(u.config));
    }
    String statePath = confs.get(0).get(ServiceOptions.STATE_PATH);
    for (int i = 1; i < confs.size(); i++) {
      if (!confs.get(i).get(ServiceOptions.STATE_PATH).equals(statePath)) {
        throw new LaunchException(units.get(i).config + " has another state_path than " + units.get(0).config
            + ": the services of one JVM share one state directory");
      }
    }
    return ServiceCommand.serve(name, confs.get(0), () -> verticles(confs));
  }

  private List<Deployable> verticles(List<CinderConf> confs) {
    List<Deployable> all = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      for (ServiceBinary b : units.get(i).binaries) {
        all.addAll(b.verticles(confs.get(i)));
      }
    }
    return all;
  }
}
