package org.cinderemu.deploy.chaos;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cinderemu.deploy.StateDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cinder-emu chaos broker close-connection CHILD | stop | start} (docs/chaos.md "Broker faults"): one
 * service's AMQP link dropped, or the whole broker stopped and started ({@link BrokerControl}).
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Broker faults: drop one service child's AMQP connection, or stop and start the stack's broker "
        + "(the embedded one, or a RabbitMQ on this machine through rabbitmqctl).",
    subcommands = {ChaosBroker.CloseConnection.class, ChaosBroker.Stop.class, ChaosBroker.Start.class,
        CommandLine.HelpCommand.class})
public final class ChaosBroker implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing verb: close-connection, stop or start");
  }

  /** The state directory option of every broker verb (up's default). */
  abstract static class Verb implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".state",
        description = "state directory of the stack (default: ${DEFAULT-VALUE})")
    Path stateDir;

    StateDir state() {
      return new StateDir(stateDir);
    }

    int say(String line) {
      spec.commandLine().getOut().println(line);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "close-connection", mixinStandardHelpOptions = true,
      description = "Drop CHILD's AMQP connection(s) as a broker would; the client's automatic recovery "
          + "reconnects (cinder_emulator_rpc_reconnects_total on its /metrics counts it).")
  static final class CloseConnection extends Verb {
    @Parameters(paramLabel = "CHILD", description = "a child name of `status` (cinder-volume@node2, cinder-api)")
    String child;

    @Option(names = "--via", paramLabel = "socket|rabbitmqctl", defaultValue = "socket",
        description = "socket (default): the service drops its own sockets; rabbitmqctl: the local RabbitMQ "
            + "closes the connections by name (320 CONNECTION_FORCED)")
    String via;

    @Override
    public Integer call() {
      ConnectionFault.Via how = switch (via) {
        case "socket" -> ConnectionFault.Via.SOCKET;
        case "rabbitmqctl" -> ConnectionFault.Via.RABBITMQCTL;
        default -> throw new ParameterException(spec.commandLine(), "--via is socket or rabbitmqctl, not " + via);
      };
      List<String> closed = new ConnectionFault(state()).close(child, how);
      return say(child + ": closed " + String.join(", ", closed));
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stop the broker application: kill the embedded broker, or rabbitmqctl stop_app on a local "
          + "RabbitMQ (every stack and program using it loses its broker).")
  static final class Stop extends Verb {
    @Override
    public Integer call() {
      return say(BrokerControl.forStack(state()).stop());
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Start the broker again: the embedded one on its port with its password, or rabbitmqctl "
          + "start_app and await_startup; the services' automatic recovery reconnects.")
  static final class Start extends Verb {
    @Override
    public Integer call() {
      return say(BrokerControl.forStack(state()).start());
    }
  }
}
