package org.cinderemu.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping processes the way an init system does: SIGTERM to all, a grace period, then SIGKILL. */
final class Processes {

  private static final Duration AFTER_KILL = Duration.ofSeconds(5);

  private Processes() {
  }

  /** Stops every process; returns the pids that needed SIGKILL. */
  static List<Long> terminate(Collection<ProcessHandle> processes, Duration grace) {
    processes.forEach(ProcessHandle::destroy);
    List<ProcessHandle> stubborn = new ArrayList<>();
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle p : processes) {
      if (!awaitExit(p, deadline - System.nanoTime())) {
        stubborn.add(p);
      }
    }
    stubborn.forEach(ProcessHandle::destroyForcibly);
    long killDeadline = System.nanoTime() + AFTER_KILL.toNanos();
    stubborn.forEach(p -> awaitExit(p, killDeadline - System.nanoTime()));
    return stubborn.stream().map(ProcessHandle::pid).toList();
  }

  static boolean awaitExit(ProcessHandle p, long nanos) {
    try {
      p.onExit().get(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return !p.isAlive();
    } catch (ExecutionException e) {
      return !p.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }
}
