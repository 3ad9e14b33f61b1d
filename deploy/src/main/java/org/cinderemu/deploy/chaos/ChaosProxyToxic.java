package org.cinderemu.deploy.chaos;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cinder-emu chaos proxy toxic add CHILD --type T … | remove CHILD TOXIC}: Toxiproxy's toxics. */
@Command(name = "toxic", mixinStandardHelpOptions = true, description = "Add or remove a toxic on CHILD's proxy.",
    subcommands = {ChaosProxyToxic.Add.class, ChaosProxyToxic.Remove.class, CommandLine.HelpCommand.class})
public final class ChaosProxyToxic implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing verb: add or remove");
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "latency (--latency-ms, --jitter-ms), bandwidth (--rate-kbps), timeout (--timeout-ms; 0: "
          + "never close), reset_peer (--timeout-ms), slow_close (--delay-ms)")
  static final class Add extends ChaosProxy.Verb {
    @Parameters(paramLabel = "CHILD")
    String child;

    @Option(names = "--type", required = true, paramLabel = "T",
        description = "latency, bandwidth, timeout, reset_peer or slow_close")
    String type;

    @Option(names = "--stream", paramLabel = "upstream|downstream", defaultValue = "downstream",
        description = "upstream: what CHILD sends; downstream (default): what the broker sends it")
    String stream;

    @Option(names = "--name", paramLabel = "NAME", description = "default: <type>_<stream>")
    String name;

    @Option(names = "--toxicity", paramLabel = "P", description = "chance it applies to a connection (default: 1)")
    Double toxicity;

    @Option(names = "--latency-ms", paramLabel = "MS")
    Long latencyMs;

    @Option(names = "--jitter-ms", paramLabel = "MS")
    Long jitterMs;

    @Option(names = "--rate-kbps", paramLabel = "KB/S")
    Long rateKbps;

    @Option(names = "--timeout-ms", paramLabel = "MS")
    Long timeoutMs;

    @Option(names = "--delay-ms", paramLabel = "MS")
    Long delayMs;

    /** The body of {@code POST /proxies/{CHILD}/toxics}: only the attributes given, the server checks them. */
    JsonObject toxic() {
      JsonObject attributes = new JsonObject();
      put(attributes, "latency", latencyMs);
      put(attributes, "jitter", jitterMs);
      put(attributes, "rate", rateKbps);
      put(attributes, "timeout", timeoutMs);
      put(attributes, "delay", delayMs);
      JsonObject t = new JsonObject().put("type", type).put("stream", stream).put("attributes", attributes);
      if (name != null) {
        t.put("name", name);
      }
      if (toxicity != null) {
        t.put("toxicity", toxicity);
      }
      return t;
    }

    private static void put(JsonObject into, String key, Long value) {
      if (value != null) {
        into.put(key, value);
      }
    }

    @Override
    public Integer call() {
      return say(child + ": " + proxies().addToxic(child, toxic()).encode());
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove toxic TOXIC from CHILD's proxy.")
  static final class Remove extends ChaosProxy.Verb {
    @Parameters(index = "0", paramLabel = "CHILD")
    String child;

    @Parameters(index = "1", paramLabel = "TOXIC", description = "its name, e.g. latency_downstream")
    String toxic;

    @Override
    public Integer call() {
      proxies().removeToxic(child, toxic);
      return say(child + ": toxic " + toxic + " removed");
    }
  }
}
