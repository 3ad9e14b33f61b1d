package org.cinderemu.deploy.chaos;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cinderemu.deploy.ChildProcess;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.ProcessSignature;
import org.cinderemu.deploy.Processes;

/**
 * The promise that a frozen child runs again: a tiny shell in a session of its own, started before the SIGSTOP,
 * that sends SIGCONT when the freeze ends, whatever becomes of the command that froze it (Ctrl-C, SIGKILL, a
 * closed terminal, a {@code --detach} nobody thaws). A thaw before then cancels it.
 */
final class ThawGuard {

  /** The guard's {@code $0}: how a guard is told from any other process that may have its pid later. */
  static final String NAME = "cinder-emu-thaw";
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(2);
  private static final String SCRIPT = "sleep \"$1\"; exec kill -CONT \"$2\"";

  private ThawGuard() {
  }

  /** Starts the guard that resumes {@code pid} after {@code after}; returns the guard's pid. */
  static long start(long pid, Duration after) {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, NAME, seconds(after), Long.toString(pid)));
    try {
      return new ProcessBuilder(ChildProcess.inOwnSession(cmd))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start().pid();
    } catch (IOException e) {
      throw new LaunchException("cannot start the thaw guard (/bin/sh): " + e.getMessage(), e);
    }
  }

  /** {@code sleep}'s argument: seconds with the milliseconds (coreutils and BSD sleep take fractions). */
  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%d.%03d", d.toSeconds(), d.toMillisPart());
  }

  /** Stops the guard {@code guardPid} of {@code pid} (and its sleep), if it still waits; any other process is left. */
  static void cancel(long guardPid, long pid) {
    ProcessHandle.of(guardPid).filter(ProcessHandle::isAlive).filter(g -> isGuardOf(g, pid)).ifPresent(g -> {
      // the shell first: its sleep ending first would let it send the SIGCONT at once
      List<ProcessHandle> sleep = g.descendants().toList();
      g.destroy();
      Processes.awaitExit(g, CANCEL_WAIT.toNanos());
      sleep.forEach(ProcessHandle::destroy);
    });
  }

  static boolean isGuardOf(ProcessHandle process, long pid) {
    List<String> args = ProcessSignature.commandLine(process);
    return args.contains(NAME) && !args.isEmpty() && args.get(args.size() - 1).equals(Long.toString(pid));
  }
}
