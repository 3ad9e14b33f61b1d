package org.cinderemu.deploy.chaos;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.cinderemu.deploy.CinderEmu;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.StateDirOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chaos restart CHILD…}: stop, start again as `up` did, wait until ready. */
@Command(name = "restart", mixinStandardHelpOptions = true,
    description = "Stop each CHILD (SIGTERM, SIGKILL after 10 s; a killed one is just started), start it again "
        + "with the command `up` started it with, and wait until every one is ready. All restart at once.")
final class ChaosRestart implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  StateDirOption stateDir;

  @Parameters(arity = "1..*", paramLabel = "CHILD", description = "a child as `cinder-emu status` names it")
  List<String> children;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + CinderEmu.READY_TIMEOUT_SECONDS,
      description = "how long to wait until every one is ready (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Override
  public Integer call() {
    StateDir state = stateDir.state();
    ProcessFaults.restart(state, children, Duration.ofSeconds(timeoutSeconds))
        .forEach(o -> spec.commandLine().getOut().println(o.line()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
