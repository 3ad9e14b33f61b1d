package org.cinderemu.deploy.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.deploy.CinderEmu;
import org.cinderemu.deploy.StateDir;

/**
 * A state directory whose children are cheap stand-ins: shells whose command lines pass for the stack's (as
 * `status` and `down` recognise them), with pid files, ready files and, when asked, an admin URL.
 */
final class FakeStack implements AutoCloseable {

  final StateDir state;
  private final List<Process> processes = new ArrayList<>();

  FakeStack(Path dir) {
    this.state = new StateDir(dir).create();
  }

  /** A running child named {@code child}: {@code bash -c 'read -t 120' …CinderEmu --state-dir <dir>}. */
  Process child(String child) throws IOException {
    return child(child, List.of("bash", "-c", "read -t 120", CinderEmu.class.getName(), "--state-dir",
        state.root().toString()));
  }

  /** A child that appends the time (ms) to {@code ticks} every 100 ms, so a freeze shows as a gap. */
  Process tickingChild(String child, Path ticks) throws IOException {
    return child(child, List.of("bash", "-c", "while :; do date +%s%3N >> \"$2\"; sleep 0.1; done",
        CinderEmu.class.getName(), "--state-dir", ticks.toString()));
  }

  /** The longest pause between two ticks of {@link #tickingChild}, in ms. */
  static long longestGap(Path ticks) throws IOException {
    List<Long> t = Files.readAllLines(ticks).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
    long gap = 0;
    for (int i = 1; i < t.size(); i++) {
      gap = Math.max(gap, t.get(i) - t.get(i - 1));
    }
    return gap;
  }

  private Process child(String child, List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).start();
    processes.add(p);
    state.pidFile(child).write(p.pid());
    state.readyFile(child).write(p.pid());
    return p;
  }

  /** A running child whose admin endpoint is {@code url}. */
  Process child(String child, String url) throws IOException {
    Process p = child(child);
    Files.writeString(state.adminFile(child), url + "\n");
    return p;
  }

  /** The process state letter of /proc/PID/stat: R, S, T (stopped), Z, ... */
  static char procState(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return stat.charAt(stat.lastIndexOf(')') + 2);
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
  }
}
