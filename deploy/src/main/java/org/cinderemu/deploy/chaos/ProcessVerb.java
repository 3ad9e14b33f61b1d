package org.cinderemu.deploy.chaos;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.StateDirOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A process fault on one or more children, named as {@code status} names them: every name is checked before any
 * child is touched; then each child's outcome is one line, a failure on one does not spare the others, and the
 * exit code is 1 if any failed.
 */
abstract class ProcessVerb implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  StateDirOption stateDir;

  @Parameters(arity = "1..*", paramLabel = "CHILD",
      description = "a child as `cinder-emu status` names it: cinder-api, cinder-volume, cinder-volume@node2, …")
  List<String> children;

  /** The fault on one child. */
  abstract FaultOutcome apply(StateDir state, String child);

  @Override
  public Integer call() {
    StateDir state = stateDir.state();
    StackChildren stack = new StackChildren(state);
    children.forEach(stack::known);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = 0;
    for (String child : children) {
      try {
        out.println(apply(state, child).line());
      } catch (LaunchException e) {
        err.println("cinder-emu: " + e.getMessage());
        exit = 1;
      }
      out.flush();
      err.flush();
    }
    return exit;
  }
}
