package org.cinderemu.deploy.chaos;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cinderemu.deploy.StateDirOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chaos clear}: removes every message rule, or the one of {@code --id}. */
@Command(name = "clear", mixinStandardHelpOptions = true,
    description = "Remove the message rules of every running child (or --child); with --id, that rule only.")
final class ChaosClear implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  StateDirOption stateDir;

  @Option(names = "--child", paramLabel = "CHILD", description = "only this child (a name `status` shows)")
  String child;

  @Option(names = "--id", paramLabel = "ID", description = "only the rule of this id (as `chaos list` shows)")
  String id;

  @Override
  public Integer call() {
    ChaosRules rules = ChaosRules.of(stateDir.state());
    PrintWriter out = spec.commandLine().getOut();
    if (id != null) {
      rules.remove(Optional.ofNullable(child), id).forEach(c -> out.println(c + ": rule " + id + " removed"));
    } else {
      rules.clear(Optional.ofNullable(child)).forEach((c, removed) -> out.println(c + ": " + removed.size()
          + " rule(s) removed" + (removed.isEmpty() ? "" : ", " + removed.stream()
              .mapToLong(r -> r.getLong("hits", 0L)).sum() + " hit(s) in all")));
    }
    out.flush();
    return 0;
  }
}
