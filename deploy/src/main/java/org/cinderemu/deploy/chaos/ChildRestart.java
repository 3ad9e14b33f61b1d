package org.cinderemu.deploy.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cinderemu.deploy.ChildProcess;
import org.cinderemu.deploy.ChildSpec;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.PrometheusTargets;
import org.cinderemu.deploy.ProcessSignature;
import org.cinderemu.deploy.Processes;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.Supervisor;
import org.cinderemu.deploy.UpCommand;

/**
 * {@code chaos restart}: a child stopped and started again exactly as `up` started it (the {@link ChildSpec} it
 * recorded), in the stack's records, ready before this returns. Every child is checked before any is touched.
 */
final class ChildRestart {

  private final StackChildren children;
  private final StateDir state;

  ChildRestart(StackChildren children) {
    this.children = children;
    this.state = children.state();
  }

  List<FaultOutcome> restart(List<String> names, Duration timeout) {
    Map<String, ChildSpec> specs = new LinkedHashMap<>();
    names.forEach(n -> specs.put(n, recordedSpec(n)));
    Map<String, Long> stopped = stop(specs.keySet());
    Supervisor started = new Supervisor(state, List.copyOf(specs.values()));
    started.start();
    try {
      started.awaitReady(timeout);
    } finally {
      started.detach();  // ready or not, the children belong to the stack now, not to this command
      PrometheusTargets.rewrite(state);
    }
    List<FaultOutcome> out = new ArrayList<>();
    for (ChildProcess c : started.children()) {
      Long old = stopped.get(c.name());
      out.add(new FaultOutcome(c.name(), c.pid(), "restarted and ready" + (old == null ? " (was not running)"
          : " (was pid " + old + ")")));
    }
    return out;
  }

  /**
   * The spec `up` recorded; a child whose pid file is gone (`down` ran) belongs to no running stack and is not
   * started alone.
   */
  private ChildSpec recordedSpec(String child) {
    children.known(child);
    if (!state.pidFile(child).exists()) {
      throw new LaunchException(child + " is not part of a running stack (no " + state.pidFile(child).path()
          + "; `down` ran?): start the stack with `cinder-emu up`");
    }
    if (!Files.isReadable(state.specFile(child))) {
      throw new LaunchException("no recorded command for " + child + " (" + state.specFile(child) + "): its "
          + "stack was started by an older cinder-emu; restart it with `down` and `up`");
    }
    try {
      return ChildSpec.load(state.specFile(child));
    } catch (IOException e) {
      throw new LaunchException("cannot read " + state.specFile(child) + ": " + e.getMessage(), e);
    }
  }

  /** Stops the running ones as `down` would (a frozen one resumed first); returns their old pids. */
  private Map<String, Long> stop(Iterable<String> names) {
    Map<String, Long> old = new LinkedHashMap<>();
    List<ProcessHandle> live = new ArrayList<>();
    for (String n : names) {
      Optional<ProcessHandle> p = state.pidFile(n).liveProcess(ProcessSignature.of(state));
      p.ifPresent(h -> {
        ProcessFaults.resumeIfFrozen(state, n, h);
        old.put(n, h.pid());
        live.add(h);
      });
      if (p.isEmpty()) {
        ProcessFaults.forgetFreeze(state, n);
      }
    }
    Processes.terminate(live, UpCommand.STOP_GRACE);
    names.forEach(children::withdrawAnnouncements);
    return old;
  }
}
