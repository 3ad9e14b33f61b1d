package org.cinderemu.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * A stack as its state directory records it: what {@code status} reports and {@code down} stops, from any
 * process, long after the supervisor that started it returned. A recorded pid counts only while {@code ours}
 * recognises its process.
 */
public record RecordedStack(StateDir state, List<String> binaries, Predicate<ProcessHandle> ours) {

  /** One line of {@code cinder-emu status}. */
  public record ChildStatus(String binary, OptionalLong pid, boolean running, boolean ready) {
    public String line() {
      return String.format("%-17s pid %-8s %-12s %s", binary,
          pid.isPresent() ? Long.toString(pid.getAsLong()) : "-",
          running ? "running" : "not running", ready ? "ready" : "not ready");
    }
  }

  public RecordedStack {
    binaries = List.copyOf(binaries);
  }

  /** The services, then the database server that outlives them (`down` stops in this order). */
  public static RecordedStack of(StateDir state) {
    List<String> names = new ArrayList<>(List.of(ServiceBinary.values()).stream().map(ServiceBinary::binaryName)
        .toList());
    names.add(DbServerCommand.NAME);
    return new RecordedStack(state, names, ProcessSignature.of(state));
  }

  public List<ChildStatus> status() {
    List<ChildStatus> out = new ArrayList<>();
    for (String b : binaries) {
      if (b.equals(DbServerCommand.NAME) && !state.pidFile(b).exists()) {
        continue;  // a stack on an external database ([database] connection set) has no database process
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

  /** Stops every recorded child (TERM, KILL after the grace period) and removes the pid and ready files. */
  public List<String> stop(Duration grace) {
    Map<String, ProcessHandle> live = running();
    // services first: they close their database connections while the database server still answers
    List<ProcessHandle> services = live.entrySet().stream().filter(e -> !e.getKey().equals(DbServerCommand.NAME))
        .map(Map.Entry::getValue).toList();
    List<Long> killed = new ArrayList<>(Processes.terminate(services, grace));
    ProcessHandle db = live.get(DbServerCommand.NAME);
    if (db != null) {
      killed.addAll(Processes.terminate(List.of(db), grace));
    }
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
