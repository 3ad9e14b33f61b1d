package org.cinderemu.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cinder-emu status}: one line per service binary; exit code 0 only when all are running and ready. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show each service's pid, whether it runs and whether it is ready. "
        + "Exits 0 when all are ready, 3 (LSB \"not running\") otherwise.")
public final class StatusCommand implements Callable<Integer> {

  static final int NOT_ALL_RUNNING = 3;

  @Spec
  CommandSpec spec;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".state",
      description = "state directory of the stack (default: ${DEFAULT-VALUE})")
  Path stateDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<RecordedStack.ChildStatus> status = RecordedStack.of(new StateDir(stateDir)).status();
    status.forEach(s -> out.println(s.line()));
    return status.stream().allMatch(s -> s.running() && s.ready()) ? 0 : NOT_ALL_RUNNING;
  }
}
