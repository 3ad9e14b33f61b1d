package org.cinderemu.deploy.chaos;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cinder-emu chaos}: faults on demand against a running stack (docs/chaos.md, "cinder-emu chaos"). Each verb
 * is a small class of its own taking {@code --state-dir} ({@link org.cinderemu.deploy.StateDirOption}); a new
 * group of verbs (broker, proxy, driver, db, run) is one more entry in {@code subcommands}.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = "Faults on demand against the stack of --state-dir: message rules (add, list, clear) on every "
        + "service's admin endpoint, process faults (kill, terminate, freeze, thaw, restart) on its children, "
        + "driver faults (driver) and database faults (db).",
    subcommands = {
        ChaosAdd.class, ChaosList.class, ChaosClear.class,
        ChaosKill.class, ChaosTerminate.class, ChaosFreeze.class, ChaosThaw.class, ChaosRestart.class,
        ChaosBroker.class, ChaosProxy.class,
        ChaosDriver.class, ChaosDb.class,
        org.cinderemu.deploy.chaos.run.ChaosRunCommand.class,
        CommandLine.HelpCommand.class})
public final class ChaosCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing verb: "
        + String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList()));
  }
}
