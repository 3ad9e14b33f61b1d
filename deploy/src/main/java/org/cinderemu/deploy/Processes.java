package org.cinderemu.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping processes the way an init system does: SIGTERM to all, a grace period, then SIGKILL. */
public final class Processes {

  private static final Duration AFTER_KILL = Duration.ofSeconds(5);
  /**
   * A JVM started with {@code -XX:ArchiveClassesAtExit} writes its class data sharing archive after its shutdown
   * hooks, which takes several seconds of CPU on a busy machine: killed at the usual grace, it leaves no archive.
   */
  static final Duration ARCHIVE_DUMP_GRACE = Duration.ofSeconds(60);

  private Processes() {
  }

  /** Stops every process; returns the pids that needed SIGKILL. */
  public static List<Long> terminate(Collection<ProcessHandle> processes, Duration grace) {
    processes.forEach(ProcessHandle::destroy);
    List<ProcessHandle> stubborn = new ArrayList<>();
    long start = System.nanoTime();
    for (ProcessHandle p : processes) {
      long deadline = start + (dumpsArchiveAtExit(p) ? ARCHIVE_DUMP_GRACE.plus(grace) : grace).toNanos();
      if (!awaitExit(p, deadline - System.nanoTime())) {
        stubborn.add(p);
      }
    }
    stubborn.forEach(ProcessHandle::destroyForcibly);
    long killDeadline = System.nanoTime() + AFTER_KILL.toNanos();
    stubborn.forEach(p -> awaitExit(p, killDeadline - System.nanoTime()));
    return stubborn.stream().map(ProcessHandle::pid).toList();
  }

  static boolean dumpsArchiveAtExit(ProcessHandle p) {
    return p.info().arguments().stream().flatMap(Arrays::stream)
        .anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
  }

  public static boolean awaitExit(ProcessHandle p, long nanos) {
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
