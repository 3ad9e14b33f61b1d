package org.cinderemu.deploy.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code rabbitmqctl} on this machine, for the broker faults of a local RabbitMQ (docs/chaos.md "Broker faults"):
 * {@code stop_app}, {@code start_app} then {@code await_startup}, and closing one connection by its name. {@code node}
 * null is rabbitmqctl's default node; else every command gets {@code -n node} (a node of its own, e.g. a test's).
 */
public record RabbitmqCtl(String executable, Duration timeout, String node) {

  public static final RabbitmqCtl DEFAULT = new RabbitmqCtl("rabbitmqctl", Duration.ofSeconds(120));

  public RabbitmqCtl(String executable, Duration timeout) {
    this(executable, timeout, null);
  }

  /** The same commands against the node {@code node} ({@code name@host}). */
  public RabbitmqCtl onNode(String node) {
    return new RabbitmqCtl(executable, timeout, node);
  }

  public List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(executable));
    if (node != null) {
      cmd.addAll(List.of("-n", node));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The commands {@link BrokerControl#stop} and {@link BrokerControl#start} run, in order. */
  public List<List<String>> stopCommands() {
    return List.of(command("stop_app"));
  }

  public List<List<String>> startCommands() {
    return List.of(command("start_app"), command("await_startup"));
  }

  /**
   * Every connection as a line {@code <pid>\t[{"connection_name","<name>"},…]}: the pid as close_connection takes it
   * ({@code <rabbit@host.1.2.3>}; the JSON formatter writes another form) and the client's properties.
   */
  public List<String> listConnectionsCommand() {
    return command("list_connections", "pid", "client_properties", "--no-table-headers", "-q");
  }

  public List<String> closeConnectionCommand(String erlangPid, String reason) {
    return command("close_connection", erlangPid, reason);
  }

  /** Runs {@code cmd}; returns its output, or throws with it when it fails or overruns. Blocking. */
  public String run(List<String> cmd) {
    Path output = null;
    try {
      output = Files.createTempFile("cemu-rabbitmqctl-", ".out");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new ChaosException(String.join(" ", cmd) + " did not finish in " + timeout.toSeconds() + " s");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        throw new ChaosException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + text);
      }
      return text;
    } catch (IOException e) {
      throw new ChaosException("cannot run " + executable + " (is RabbitMQ installed here?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChaosException("interrupted running " + String.join(" ", cmd), e);
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }
}
