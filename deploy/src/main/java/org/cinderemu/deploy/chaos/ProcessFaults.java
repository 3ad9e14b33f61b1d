package org.cinderemu.deploy.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.ProcessSignature;
import org.cinderemu.deploy.Processes;
import org.cinderemu.deploy.Signals;
import org.cinderemu.deploy.StateDir;

/**
 * Process faults on one child of a running stack (docs/chaos.md, "cinder-emu chaos"): what {@code chaos kill},
 * {@code terminate}, {@code freeze}, {@code thaw} and {@code restart} do, for the experiment runner to call too.
 * A child is named as {@code status} names it; its pid is the one `up` recorded.
 */
public final class ProcessFaults {

  /** How long SIGKILL may take to end a process (it cannot be caught; only the kernel is slow). */
  static final Duration AFTER_KILL = Duration.ofSeconds(10);
  /** The longest freeze: a typo must not stop a service for a day. */
  public static final Duration MAX_FREEZE = Duration.ofHours(1);

  private ProcessFaults() {
  }

  /** SIGKILL, as a crash or the OOM killer: no shutdown hook runs; the services row just stops heartbeating. */
  public static FaultOutcome kill(StateDir state, String child) {
    StackChildren children = new StackChildren(state);
    ProcessHandle p = children.live(child);
    if (!p.destroyForcibly()) {
      throw new LaunchException("cannot signal " + child + " (pid " + p.pid() + ")");
    }
    if (!Processes.awaitExit(p, AFTER_KILL.toNanos())) {
      throw new LaunchException(child + " (pid " + p.pid() + ") still runs " + AFTER_KILL.toSeconds()
          + " s after SIGKILL");
    }
    forgetFreeze(state, child);
    children.withdrawAnnouncements(child);
    return new FaultOutcome(child, p.pid(), "killed (SIGKILL)");
  }

  /**
   * SIGTERM, as systemd stops a unit: the service shuts down cleanly (it withdraws its ready file and admin URL).
   * A frozen child is resumed first, else it would act on the signal only at its thaw. Waits up to {@code timeout}.
   */
  public static FaultOutcome terminate(StateDir state, String child, Duration timeout) {
    StackChildren children = new StackChildren(state);
    ProcessHandle p = children.live(child);
    resumeIfFrozen(state, child, p);
    p.destroy();
    if (!Processes.awaitExit(p, timeout.toNanos())) {
      return new FaultOutcome(child, p.pid(), "sent SIGTERM; still running after " + timeout.toSeconds()
          + " s (chaos kill ends it)");
    }
    children.withdrawAnnouncements(child);
    return new FaultOutcome(child, p.pid(), "terminated (SIGTERM)");
  }

  /**
   * SIGSTOP for {@code duration}, as a hung machine or a long GC pause: the process keeps its sockets but answers
   * nothing and stops heartbeating. Returns at once; a guard process sends SIGCONT when the time is up, whatever
   * happens to the caller, unless {@link #thaw} comes first. Freezing a frozen child starts its freeze anew.
   */
  public static FaultOutcome freeze(StateDir state, String child, Duration duration) {
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_FREEZE) > 0) {
      throw new LaunchException("a freeze lasts from 1 s to " + MAX_FREEZE.toSeconds() + " s, not "
          + duration.toSeconds() + " s");
    }
    ProcessHandle p = new StackChildren(state).live(child);
    forgetFreeze(state, child);
    Instant until = Instant.now().plus(duration);
    long guard = ThawGuard.start(p.pid(), duration);  // before the stop: no moment without a way back
    try {
      Signals.stop(p.pid());
    } catch (RuntimeException e) {
      ThawGuard.cancel(guard, p.pid());
      throw e;
    }
    new FreezeRecord(p.pid(), until, guard).write(state, child);
    return new FaultOutcome(child, p.pid(), "frozen (SIGSTOP) until " + until + ", guard pid " + guard);
  }

  /** SIGCONT now, and the freeze's guard is cancelled; a child that runs is left as it is. */
  public static FaultOutcome thaw(StateDir state, String child) {
    StackChildren children = new StackChildren(state);
    ProcessHandle p = children.live(child);
    boolean wasFrozen = FreezeRecord.read(state, child).isPresent();
    resumeIfFrozen(state, child, p);
    if (!wasFrozen) {
      Signals.resume(List.of(p.pid()));  // frozen by hand (kill -STOP) perhaps: SIGCONT harms no running process
    }
    return new FaultOutcome(child, p.pid(), wasFrozen ? "thawed (SIGCONT)" : "was not frozen by chaos freeze; "
        + "sent SIGCONT");
  }

  /**
   * Stops each child (SIGTERM, SIGKILL after `down`'s grace; a dead one is just started), starts it again with the
   * command `up` started it with, and waits until each is ready. The new pids are recorded, so {@code status} and
   * {@code down} see them.
   */
  public static List<FaultOutcome> restart(StateDir state, List<String> children, Duration timeout) {
    return new ChildRestart(new StackChildren(state)).restart(children, timeout);
  }

  public static FaultOutcome restart(StateDir state, String child, Duration timeout) {
    return restart(state, List.of(child), timeout).get(0);
  }

  /** Whether `chaos freeze` holds the child stopped now. */
  public static boolean isFrozen(StateDir state, String child) {
    Optional<FreezeRecord> record = FreezeRecord.read(state, child);
    return record.isPresent() && state.pidFile(child).liveProcess(ProcessSignature.of(state))
        .filter(p -> p.pid() == record.get().pid()).isPresent();
  }

  /** Resumes {@code p} if a freeze of it is recorded, and cancels that freeze's guard. */
  static void resumeIfFrozen(StateDir state, String child, ProcessHandle p) {
    Optional<FreezeRecord> record = FreezeRecord.read(state, child);
    if (record.isPresent() && record.get().pid() == p.pid()) {
      Signals.resume(List.of(p.pid()));
    }
    forgetFreeze(state, child);
  }

  /** Cancels a recorded freeze's guard and removes the record (a freeze of an earlier process is moot too). */
  static void forgetFreeze(StateDir state, String child) {
    FreezeRecord.read(state, child).ifPresent(r -> ThawGuard.cancel(r.guardPid(), r.pid()));
    FreezeRecord.delete(state, child);
  }
}
