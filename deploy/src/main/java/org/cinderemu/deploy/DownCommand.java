package org.cinderemu.deploy;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code cinder-emu down}: stops the services a state directory records, whoever started them. */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stop the services recorded in the state directory's pid files (SIGTERM, SIGKILL after 10 s).")
public final class DownCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  StateDirOption stateDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StateDir state = stateDir.state();
    List<String> report = RecordedStack.of(state).stop(UpCommand.STOP_GRACE);
    if (report.isEmpty()) {
      out.println("no services recorded in " + state);
    }
    report.forEach(out::println);
    return 0;
  }
}
