package org.cinderemu.deploy.chaos;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cinderemu.deploy.StateDirOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chaos add}: one message rule on every child that runs its service, or on {@code --child}. */
@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Add a message rule to the RPC interceptor chain of every child that runs --service (every "
        + "child without one), or of --child only. All or nothing: a child that refuses it undoes the others.")
final class ChaosAdd implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  StateDirOption stateDir;

  @Option(names = "--child", paramLabel = "CHILD", description = "only this child (a name `status` shows)")
  String child;

  @Mixin
  RuleFlags rule;

  @Override
  public Integer call() {
    JsonObject body = rule.toJson();
    Map<String, JsonObject> added = ChaosRules.of(stateDir.state()).add(Optional.ofNullable(child), body);
    PrintWriter out = spec.commandLine().getOut();
    added.forEach((c, r) -> out.println(c + ": rule " + r.getValue("id", "(no id)") + " added: " + r.encode()));
    out.flush();
    return 0;
  }
}
