package org.cinderemu.deploy.chaos;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.StateDirOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chaos freeze CHILD… --seconds N}: SIGSTOP, then SIGCONT after N s. It waits by default (Ctrl-C thaws at
 * once); {@code --detach} returns at once. Either way a guard process thaws at N s if nothing else does.
 */
@Command(name = "freeze", mixinStandardHelpOptions = true,
    description = "SIGSTOP each CHILD, as a hung machine: it keeps its sockets, answers nothing and stops "
        + "heartbeating; SIGCONT after --seconds. Waits meanwhile (Ctrl-C thaws at once) unless --detach; then "
        + "`chaos thaw` may end it sooner. A guard process thaws at the end in any case.")
final class ChaosFreeze implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  StateDirOption stateDir;

  @Parameters(arity = "1..*", paramLabel = "CHILD", description = "a child as `cinder-emu status` names it")
  List<String> children;

  @Option(names = "--seconds", required = true, paramLabel = "N", description = "how long the freeze lasts "
      + "(at most 3600)")
  long seconds;

  @Option(names = "--detach", description = "return once frozen; the guard (or `chaos thaw`) resumes the child")
  boolean detach;

  @Override
  public Integer call() throws InterruptedException {
    StateDir state = stateDir.state();
    StackChildren stack = new StackChildren(state);
    children.forEach(stack::live);  // all running, or none frozen
    PrintWriter out = spec.commandLine().getOut();
    Duration duration = Duration.ofSeconds(seconds);
    List<String> frozen = new ArrayList<>();
    Thread thawOnExit = new Thread(() -> thawAll(state, frozen, out), "cinder-emu-thaw");
    if (!detach) {
      Runtime.getRuntime().addShutdownHook(thawOnExit);  // Ctrl-C: resume now, not when the guard's time is up
    }
    try {
      for (String child : children) {
        out.println(ProcessFaults.freeze(state, child, duration).line());
        out.flush();
        synchronized (frozen) {
          frozen.add(child);
        }
      }
    } catch (LaunchException e) {
      thawAll(state, frozen, out);
      throw e;
    }
    if (detach) {
      out.println("thaw sooner with: cinder-emu chaos thaw --state-dir " + state + " " + String.join(" ", children));
      out.flush();
      return 0;
    }
    Thread.sleep(duration.toMillis());  // a CLI's own thread: waiting is its job
    Runtime.getRuntime().removeShutdownHook(thawOnExit);
    thawAll(state, frozen, out);
    return 0;
  }

  private static void thawAll(StateDir state, List<String> frozen, PrintWriter out) {
    synchronized (frozen) {
      for (String child : frozen) {
        try {
          out.println(ProcessFaults.thaw(state, child).line());
        } catch (LaunchException gone) {
          out.println(child + ": " + gone.getMessage());
        }
      }
      frozen.clear();
      out.flush();
    }
  }
}
