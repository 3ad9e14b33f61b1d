package org.cinderemu.deploy.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cinderemu.deploy.StateDirOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chaos list}: every child's message rules, in the order they are tried, with their hits. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the message rules of every running child (or --child), in the order they are tried "
        + "(first match wins), with the hits each has counted.")
final class ChaosList implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  StateDirOption stateDir;

  @Option(names = "--child", paramLabel = "CHILD", description = "only this child (a name `status` shows)")
  String child;

  @Option(names = "--json", description = "one JSON object: each child's rules as its endpoint answered them")
  boolean json;

  @Override
  public Integer call() {
    Map<String, List<JsonObject>> rules = ChaosRules.of(stateDir.state()).list(Optional.ofNullable(child));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonObject all = new JsonObject();
      rules.forEach((c, list) -> all.put(c, new JsonArray(List.copyOf(list))));
      out.println(all.encodePrettily());
    } else {
      out.print(RuleTable.render(rules));
    }
    out.flush();
    return 0;
  }
}
