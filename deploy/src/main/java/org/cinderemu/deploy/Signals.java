package org.cinderemu.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The signals Java's {@link ProcessHandle} cannot send: SIGSTOP and SIGCONT (a freeze), through the shell's own
 * {@code kill}, which every POSIX system has.
 */
public final class Signals {

  private static final long KILL_TIMEOUT_SECONDS = 10;

  private Signals() {
  }

  /** SIGSTOP: the process stops at once, wherever it is, and cannot catch it (what a hung machine looks like). */
  public static void stop(long pid) {
    send("STOP", List.of(pid));
  }

  /** SIGCONT: a stopped process runs on; harmless to one that runs. */
  public static void resume(Collection<Long> pids) {
    if (!pids.isEmpty()) {
      send("CONT", pids);
    }
  }

  private static void send(String signal, Collection<Long> pids) {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "exec kill -" + signal + " \"$@\"", "kill"));
    pids.forEach(p -> cmd.add(Long.toString(p)));
    try {
      Process kill = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(kill.getInputStream().readAllBytes()).strip();
      if (!kill.waitFor(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new LaunchException("kill -" + signal + " " + pids + " failed: " + output);
      }
    } catch (IOException e) {
      throw new LaunchException("cannot run kill -" + signal + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted while sending SIG" + signal + " to " + pids);
    }
  }
}
