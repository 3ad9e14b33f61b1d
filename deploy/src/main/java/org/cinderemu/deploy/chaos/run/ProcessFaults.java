package org.cinderemu.deploy.chaos.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.cinderemu.deploy.ChildProcess;
import org.cinderemu.deploy.ChildSpec;

/**
 * Process faults on the stack's recorded children (docs/chaos.md "cinder-emu chaos"): SIGKILL, SIGTERM, SIGSTOP for
 * N seconds then SIGCONT, and restart. A child is restarted with the very command line it ran with (read from
 * /proc when the run began), detached as {@code up --detach} leaves it, and waited for until it is ready.
 */
final class ProcessFaults {

  private static final Duration TERM_GRACE = Duration.ofSeconds(10);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final RunStack stack;
  private final Map<String, List<String>> commandLines = new ConcurrentHashMap<>();

  ProcessFaults(RunStack stack) {
    this.stack = stack;
    remember();
  }

  /** Records every live child's command line, so that a child killed later can be started again. */
  void remember() {
    stack.running().forEach((name, p) -> readCommandLine(p.pid()).ifPresent(cmd -> commandLines.put(name, cmd)));
  }

  static java.util.Optional<List<String>> readCommandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      String s = new String(raw, StandardCharsets.UTF_8);
      List<String> parts = Arrays.stream(s.split("\0")).filter(x -> !x.isEmpty()).toList();
      return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(parts);
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private ProcessHandle live(String child) {
    ProcessHandle p = stack.running().get(child);
    if (p == null) {
      throw new ActionFailed(child + " is not running (children: " + stack.running().keySet() + ")");
    }
    return p;
  }

  String kill(String child) {
    ProcessHandle p = live(child);
    p.destroyForcibly();
    awaitExit(p, Duration.ofSeconds(10));
    return "SIGKILL to pid " + p.pid();
  }

  String terminate(String child) {
    ProcessHandle p = live(child);
    p.destroy();
    if (!awaitExit(p, TERM_GRACE)) {
      p.destroyForcibly();
      awaitExit(p, Duration.ofSeconds(10));
      return "SIGTERM to pid " + p.pid() + ", SIGKILL after " + TERM_GRACE.toSeconds() + " s";
    }
    return "SIGTERM to pid " + p.pid();
  }

  /** SIGSTOP, {@code seconds} frozen, SIGCONT: the caller's thread waits out the freeze. */
  String freeze(String child, long seconds) throws InterruptedException {
    ProcessHandle p = live(child);
    signal("STOP", p.pid());
    try {
      Thread.sleep(seconds * 1000);
    } finally {
      signal("CONT", p.pid());
    }
    return "SIGSTOP to pid " + p.pid() + ", SIGCONT after " + seconds + " s";
  }

  String thaw(String child) {
    ProcessHandle p = live(child);
    signal("CONT", p.pid());
    return "SIGCONT to pid " + p.pid();
  }

  /** Stops the child if it runs, starts it again with its command line, and waits until it is ready. */
  String restart(String child) throws IOException, InterruptedException {
    List<String> cmd = commandLines.get(child);
    if (cmd == null) {
      throw new ActionFailed("no command line recorded for " + child + " (it was not running when the run began)");
    }
    ProcessHandle old = stack.running().get(child);
    String stopped = old == null ? "" : terminate(child) + "; ";
    ChildProcess started = ChildProcess.start(new ChildSpec(child, cmd), stack.state());
    started.detach();
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (!started.isReady()) {
      if (!started.isAlive()) {
        throw new ActionFailed(child + " exited at restart; see " + started.logFile() + "\n" + started.logTail(20));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new ActionFailed(child + " not ready " + READY_TIMEOUT.toSeconds() + " s after its restart");
      }
      Thread.sleep(100);
    }
    commandLines.put(child, cmd);
    return stopped + "started pid " + started.pid() + ", ready";
  }

  private static boolean awaitExit(ProcessHandle p, Duration timeout) {
    try {
      p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void signal(String sig, long pid) {
    try {
      Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).redirectErrorStream(true).start();
      if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) {
        throw new ActionFailed("kill -" + sig + " " + pid + " failed: "
            + new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new ActionFailed("cannot run kill -" + sig + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActionFailed("interrupted sending SIG" + sig);
    }
  }
}
