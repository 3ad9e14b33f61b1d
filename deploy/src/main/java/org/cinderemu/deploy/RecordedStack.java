package org.cinderemu.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.cinderemu.deploy.broker.BrokerServerCommand;

/**
 * A stack as its state directory records it: what {@code status} reports and {@code down} stops, from any
 * process, long after the supervisor that started it returned. A recorded pid counts only while {@code ours}
 * recognises its process.
 */
public record RecordedStack(StateDir state, List<String> binaries, Predicate<ProcessHandle> ours) {

  private static final String CHILDREN_FILE = "children";

  /** One line of {@code cinder-emu status}. */
  public record ChildStatus(String binary, OptionalLong pid, boolean running, boolean ready) {
    public String line() {
      return String.format("%-24s pid %-8s %-12s %s", binary,
          pid.isPresent() ? Long.toString(pid.getAsLong()) : "-",
          running ? "running" : "not running", ready ? "ready" : "not ready");
    }
  }

  public RecordedStack {
    binaries = List.copyOf(binaries);
  }

  /** The stack's servers (the database, the embedded broker) outlive the services. */
  private static final List<String> SERVERS = List.of(DbServerCommand.NAME, BrokerServerCommand.NAME);

  /**
   * The services of the last {@code up} (as {@link #remember} recorded them, else the four binaries) and any other
   * child a pid file names, then the servers that outlive them (`down` stops in this order).
   */
  public static RecordedStack of(StateDir state) {
    Set<String> names = new LinkedHashSet<>(remembered(state).orElseGet(() -> List.of(ServiceBinary.values())
        .stream().map(ServiceBinary::binaryName).toList()));
    names.addAll(pidFileNames(state));
    names.removeAll(SERVERS);
    names.addAll(SERVERS);
    return new RecordedStack(state, new ArrayList<>(names), ProcessSignature.of(state));
  }

  /** Records the children `up` starts (a topology's cinder-volume@node2, or one in-process child). */
  public static void remember(StateDir state, List<String> children) {
    try {
      PrivateFiles.write(childrenFile(state), String.join("\n", children) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + childrenFile(state), e);
    }
  }

  private static Path childrenFile(StateDir state) {
    return state.runDir().resolve(CHILDREN_FILE);
  }

  private static Optional<List<String>> remembered(StateDir state) {
    try {
      return Optional.of(Files.readAllLines(childrenFile(state)).stream().map(String::strip)
          .filter(s -> !s.isEmpty()).toList());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + childrenFile(state), e);
    }
  }

  private static List<String> pidFileNames(StateDir state) {
    if (!Files.isDirectory(state.runDir())) {
      return List.of();
    }
    String suffix = state.pidFile("").path().getFileName().toString();  // StateDir's naming, not a copy of it
    try (Stream<Path> files = Files.list(state.runDir())) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix) && n.length() > suffix.length())
          .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + state.runDir(), e);
    }
  }

  public List<ChildStatus> status() {
    List<ChildStatus> out = new ArrayList<>();
    for (String b : binaries) {
      if (SERVERS.contains(b) && !state.pidFile(b).exists()) {
        continue;  // a stack on an external database or broker has no process for it
      }
      OptionalLong pid = state.pidFile(b).read();
      Optional<ProcessHandle> live = state.pidFile(b).liveProcess(ours);
      boolean ready = live.isPresent()
          && state.readyFile(b).read().stream().anyMatch(p -> p == live.get().pid());
      out.add(new ChildStatus(b, pid, live.isPresent(), ready));
    }
    return out;
  }

  /** The recorded children that are still alive, by binary. */
  public Map<String, ProcessHandle> running() {
    Map<String, ProcessHandle> live = new LinkedHashMap<>();
    binaries.forEach(b -> state.pidFile(b).liveProcess(ours).ifPresent(p -> live.put(b, p)));
    return live;
  }

  /** A child `chaos freeze` stopped would not act on SIGTERM before its thaw: it gets SIGCONT first. */
  private void thawFrozen(Map<String, ProcessHandle> live) {
    List<String> frozen = live.keySet().stream().filter(b -> Files.exists(state.frozenFile(b))).toList();
    Signals.resume(frozen.stream().map(b -> live.get(b).pid()).toList());
    for (String b : frozen) {
      try {
        Files.deleteIfExists(state.frozenFile(b));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + state.frozenFile(b), e);
      }
    }
  }

  /** Stops every recorded child (TERM, KILL after the grace period) and removes the pid and ready files. */
  public List<String> stop(Duration grace) {
    Map<String, ProcessHandle> live = running();
    thawFrozen(live);
    // services first: they close their database and broker connections while the servers still answer
    List<ProcessHandle> services = live.entrySet().stream().filter(e -> !SERVERS.contains(e.getKey()))
        .map(Map.Entry::getValue).toList();
    List<Long> killed = new ArrayList<>(Processes.terminate(services, grace));
    killed.addAll(Processes.terminate(SERVERS.stream().filter(live::containsKey).map(live::get).toList(), grace));
    List<String> report = new ArrayList<>();
    for (String b : binaries) {
      ProcessHandle p = live.get(b);
      if (p != null) {
        report.add(b + " (pid " + p.pid() + ") " + (killed.contains(p.pid()) ? "killed after " + grace.toSeconds()
            + " s" : "stopped"));
      } else if (state.pidFile(b).exists()) {
        report.add(b + " was not running; stale pid file removed");
      }
      state.pidFile(b).delete();
      state.readyFile(b).delete();
    }
    return report;
  }
}
