package org.cinderemu.deploy.chaos;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.chaos.proxy.ProxyClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cinder-emu chaos proxy list | toxic add|remove | partition | enable | disable} against the proxy of
 * {@code up --chaos-proxy}, one proxy per service child, named as the child (docs/chaos.md "Broker faults").
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
    description = "Toxics and partitions on one service child's broker link (a stack started with "
        + "`up --chaos-proxy`).",
    subcommands = {ChaosProxy.ListProxies.class, ChaosProxyToxic.class, ChaosProxy.Partition.class,
        ChaosProxy.Enable.class, ChaosProxy.Disable.class, CommandLine.HelpCommand.class})
public final class ChaosProxy implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing verb: list, toxic, partition, enable or disable");
  }

  /** The state directory option of every proxy verb, and the stack's proxy client. */
  abstract static class Verb implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".state",
        description = "state directory of the stack (default: ${DEFAULT-VALUE})")
    Path stateDir;

    ProxyClient proxies() {
      return ProxyClient.forStack(new StateDir(stateDir));
    }

    int say(String line) {
      spec.commandLine().getOut().println(line);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** One line per proxy: the toxics by name, and whether it passes traffic. */
  static String line(JsonObject p) {
    StringBuilder toxics = new StringBuilder();
    p.getJsonArray("toxics").forEach(t -> toxics.append(toxics.isEmpty() ? "" : ",")
        .append(((JsonObject) t).getString("name")));
    return String.format("%-28s %-16s %-22s %-8s %-12s %-6s %s", p.getString("name"), p.getString("listen"),
        p.getString("upstream"), p.getBoolean("enabled") ? "enabled" : "disabled",
        p.getBoolean("partitioned") ? "partitioned" : "-", p.getInteger("connections"),
        toxics.isEmpty() ? "-" : toxics);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every proxy, its toxics and state.")
  static final class ListProxies extends Verb {
    @Option(names = "--json", description = "the control API's answer as is")
    boolean json;

    @Override
    public Integer call() {
      JsonObject all = proxies().proxies();
      if (json) {
        return say(all.encodePrettily());
      }
      say(String.format("%-28s %-16s %-22s %-8s %-12s %-6s %s", "PROXY", "LISTEN", "UPSTREAM", "STATE",
          "PARTITION", "CONNS", "TOXICS"));
      all.fieldNames().stream().sorted().forEach(n -> say(line(all.getJsonObject(n))));
      return 0;
    }
  }

  @Command(name = "partition", mixinStandardHelpOptions = true,
      description = "on: nothing passes between CHILD and the broker either way (held, as a network holds it); "
          + "off: it flows again.")
  static final class Partition extends Verb {
    @Parameters(index = "0", paramLabel = "CHILD", description = "the child whose broker link to cut")
    String child;

    @Parameters(index = "1", paramLabel = "on|off")
    String state;

    @Option(names = "--drop-connections", description = "also reset CHILD's connections and refuse new ones "
        + "until off")
    boolean drop;

    @Override
    public Integer call() {
      boolean on = switch (state) {
        case "on" -> true;
        case "off" -> false;
        default -> throw new ParameterException(spec.commandLine(), "partition is on or off, not " + state);
      };
      return say(line(proxies().partition(child, on, drop)));
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Listen again (Toxiproxy's enabled).")
  static final class Enable extends Verb {
    @Parameters(paramLabel = "CHILD")
    String child;

    @Override
    public Integer call() {
      return say(line(proxies().setEnabled(child, true)));
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Close CHILD's broker connections and listen on nothing until enabled.")
  static final class Disable extends Verb {
    @Parameters(paramLabel = "CHILD")
    String child;

    @Override
    public Integer call() {
      return say(line(proxies().setEnabled(child, false)));
    }
  }
}
