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
 * {@code chaos db stall|disconnect|status|clear CHILD}: the database faults one child sees (docs/chaos.md, "Driver
 * and database faults"). The commands return once the fault has started; it ends by itself after {@code --seconds}.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
    description = "Database faults seen by one child: a stall (a table's row locks held) or a connection loss.",
    subcommands = {ChaosDb.Stall.class, ChaosDb.Disconnect.class, ChaosDb.Status.class, ChaosDb.Clear.class,
        CommandLine.HelpCommand.class})
final class ChaosDb {

  /** What every verb shares: the stack and the child, under /chaos/db. */
  static final class Target {
    @Mixin
    ChildFault child;

    void call(CommandSpec spec, String method, String path, JsonObject body) {
      child.call(spec, method, "/chaos/db" + path, body);
    }
  }

  @Command(name = "stall", mixinStandardHelpOptions = true,
      description = "Hold the row locks of every row of --table for --seconds: writers of those rows wait.")
  static final class Stall implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Target target;
    @Option(names = "--seconds", required = true, paramLabel = "N", description = "how long (at most 3600)")
    double seconds;
    @Option(names = "--table", required = true, paramLabel = "T",
        description = "quota_usages, quotas, services, volumes, backups or workers")
    String table;

    @Override
    public Integer call() {
      target.call(spec, "POST", "/stall", new JsonObject().put("seconds", seconds).put("table", table));
      return 0;
    }
  }

  @Command(name = "disconnect", mixinStandardHelpOptions = true,
      description = "Lose CHILD's database connections for --seconds; they come back afterwards.")
  static final class Disconnect implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Target target;
    @Option(names = "--seconds", required = true, paramLabel = "N", description = "how long (at most 3600)")
    double seconds;

    @Override
    public Integer call() {
      target.call(spec, "POST", "/disconnect", new JsonObject().put("seconds", seconds));
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Print CHILD's active database faults.")
  static final class Status implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Target target;

    @Override
    public Integer call() {
      target.call(spec, "GET", "", null);
      return 0;
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true, description = "End CHILD's database faults now.")
  static final class Clear implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Target target;

    @Override
    public Integer call() {
      target.call(spec, "DELETE", "", null);
      return 0;
    }
  }
}
