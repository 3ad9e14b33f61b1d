package org.cinderemu.deploy.chaos;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chaos driver set|clear|show CHILD [--backend host@backend]}: the emulated driver faults of a cinder-volume
 * child (docs/chaos.md, "Driver and database faults"); without {@code --backend}, every backend of the child.
 */
@Command(name = "driver", mixinStandardHelpOptions = true,
    description = "Driver faults of a cinder-volume child's backends: error rate, latency, capacity exhausted, "
        + "backend_state down.",
    subcommands = {ChaosDriver.Set.class, ChaosDriver.Clear.class, ChaosDriver.Show.class,
        CommandLine.HelpCommand.class})
final class ChaosDriver {

  /** What every verb shares: the stack, the child and the backend. */
  static final class Target {
    @Mixin
    ChildFault child;

    @Option(names = "--backend", paramLabel = "HOST@BACKEND", description = "one backend (default: all of CHILD's)")
    String backend;

    void call(CommandSpec spec, String method, JsonObject body) {
      child.call(spec, method, "/chaos/driver" + (backend == null ? "" : "/" + backend), body);
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Replace the fault of CHILD's backend(s); options left out mean no fault of that kind.")
  static final class Set implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Target target;
    @Mixin
    DriverFaultFlags flags;

    @Override
    public Integer call() {
      target.call(spec, "PUT", flags.body());
      return 0;
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove the fault of CHILD's backend(s).")
  static final class Clear implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Target target;

    @Override
    public Integer call() {
      target.call(spec, "DELETE", null);
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the fault of CHILD's backend(s).")
  static final class Show implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Target target;

    @Override
    public Integer call() {
      target.call(spec, "GET", null);
      return 0;
    }
  }
}
