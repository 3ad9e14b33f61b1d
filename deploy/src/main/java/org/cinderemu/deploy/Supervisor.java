package org.cinderemu.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Starts one child process per spec, waits until each has announced readiness, and stops them all:
 * the process handling of {@code cinder-emu up}, kept apart from the CLI so tests can drive it with fake children.
 */
public final class Supervisor {

  static final int LOG_TAIL_LINES = 20;
  private static final long POLL_MILLIS = 100;

  private final StateDir state;
  private final List<ChildSpec> specs;
  private final List<ChildProcess> children = new ArrayList<>();
  private volatile boolean stopping;

  public Supervisor(StateDir state, List<ChildSpec> specs) {
    this.state = state;
    this.specs = List.copyOf(specs);
  }

  /** Spawns every child and records its pid; if one cannot be spawned, the ones already started are stopped. */
  public synchronized void start() {
    state.create();
    for (ChildSpec spec : specs) {
      try {
        children.add(ChildProcess.start(spec, state));
      } catch (IOException e) {
        stop(Duration.ofSeconds(10));
        throw new LaunchException("cannot start " + spec.name() + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Returns once every child wrote its ready file. Fails as soon as a child exits, or at the timeout, naming the
   * children that are not ready with the tail of their logs; the caller decides to stop the rest.
   */
  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ChildProcess> notReady = children().stream().filter(c -> !c.isReady()).toList();
      if (notReady.isEmpty()) {
        return;
      }
      List<ChildProcess> exited = notReady.stream().filter(c -> !c.isAlive()).toList();
      if (!exited.isEmpty()) {
        throw new LaunchException(describe(exited, "exited before it was ready"));
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new LaunchException(describe(notReady, "not ready after " + timeout.toSeconds() + " s"));
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LaunchException("interrupted while waiting for the services to be ready");
      }
    }
  }

  /** Each failed child with its pid, exit code and the tail of its log. */
  static String describe(List<ChildProcess> failed, String problem) {
    StringBuilder sb = new StringBuilder();
    for (ChildProcess c : failed) {
      String exit = c.exitCode().stream().mapToObj(code -> ", exit code " + code).findFirst().orElse("");
      sb.append(c.name()).append(" (pid ").append(c.pid()).append(exit).append(") ").append(problem)
          .append(". Last lines of ").append(c.logFile()).append(":\n")
          .append(tailOrEmpty(c).indent(4));
    }
    return sb.toString().stripTrailing();
  }

  private static String tailOrEmpty(ChildProcess c) {
    String tail = c.logTail(LOG_TAIL_LINES);
    return tail.isBlank() ? "(the log is empty)" : tail;
  }

  /**
   * SIGTERM to every child, SIGKILL to those still alive after the grace period, then the pid and ready files
   * go. Safe to call twice (Ctrl-C during a failed start); returns the names of the children that needed SIGKILL.
   */
  public synchronized List<String> stop(Duration grace) {
    stopping = true;
    List<Long> killed = Processes.terminate(handles(), grace);
    for (ChildProcess c : children) {
      state.pidFile(c.name()).delete();
      state.readyFile(c.name()).delete();  // a killed service had no chance to remove its own
    }
    return children.stream().filter(c -> killed.contains(c.pid())).map(ChildProcess::name).toList();
  }

  /**
   * Every child's process, and the one its pid file names now when that is another of this stack's: a child
   * `chaos restart` started again in its place is stopped with the rest, not orphaned.
   */
  private List<ProcessHandle> handles() {
    Map<Long, ProcessHandle> byPid = new LinkedHashMap<>();
    ProcessSignature ours = ProcessSignature.of(state);
    for (ChildProcess c : children) {
      byPid.put(c.pid(), c.handle());
      state.pidFile(c.name()).liveProcess(ours).ifPresent(p -> byPid.putIfAbsent(p.pid(), p));
    }
    return List.copyOf(byPid.values());
  }

  /** Lets every child outlive this process: `up --detach`, whose stack `down` stops later. */
  public synchronized void detach() {
    children.forEach(ChildProcess::detach);
  }

  public boolean isStopping() {
    return stopping;
  }

  public synchronized List<ChildProcess> children() {
    return List.copyOf(children);
  }

  /** Completes when every child has exited, whoever stopped it. */
  public CompletableFuture<Void> allExited() {
    return CompletableFuture.allOf(children().stream().map(c -> c.onExit()).toArray(CompletableFuture[]::new));
  }
}
