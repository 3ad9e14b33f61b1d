package org.cinderemu.deploy;

import java.io.IOException;
import java.util.Optional;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.deploy.broker.BrokerServerCommand;
import org.cinderemu.deploy.logs.LogsCommand;
import org.cinderemu.deploy.manage.ManageCommand;
import org.cinderemu.deploy.trace.TraceCommand;
import org.cinderemu.deploy.chaos.proxy.ProxyServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cinder-emu}: runs the emulated Cinder control plane on this machine, one JVM per service. */
@Command(name = "cinder-emu", mixinStandardHelpOptions = true, versionProvider = CinderEmu.Version.class,
    description = "Cinder (Zed) control plane emulator: cinder-api, cinder-scheduler, cinder-volume and "
        + "cinder-backup as separate processes talking over RabbitMQ.",
    subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, ServiceCommand.class,
        ServicesCommand.class, DbServerCommand.class, BrokerServerCommand.class, ManageCommand.class, LogsCommand.class,
        TraceCommand.class, ProxyServerCommand.class, org.cinderemu.deploy.chaos.run.ChaosRunOnly.class,
        CommandLine.HelpCommand.class})
public final class CinderEmu implements Runnable {

  /** How long `up` waits for every service to be ready, and a service for its own verticles. */
  static final long READY_TIMEOUT_SECONDS = 120;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: up, down, status or service");
  }

  /** The command line with the launcher's error handling: operator errors print one message, not a trace. */
  public static CommandLine commandLine() {
    return new CommandLine(new CinderEmu()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof LaunchException || e instanceof CinderConf.ConfigException || e instanceof IOException) {
        cmd.getErr().println("cinder-emu: " + (e instanceof IOException ? e.toString() : e.getMessage()));
        return 1;
      }
      throw e;
    });
  }

  public static void main(String[] args) {
    // logback.xml prints ${PID}, as Cinder's log lines carry the process id
    System.setProperty("PID", Long.toString(ProcessHandle.current().pid()));
    System.exit(commandLine().execute(args));
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cinder-emu " + Optional.ofNullable(CinderEmu.class.getPackage().getImplementationVersion())
          .orElse("(development build)")};
    }
  }
}
