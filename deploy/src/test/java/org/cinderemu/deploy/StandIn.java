package org.cinderemu.deploy;

import java.io.IOException;
import java.util.List;

/**
 * Cheap processes for the tests of what counts as a stack's process: a shell whose command line looks like a
 * child `up` starts on a state directory, and a foreign {@code sleep}. Both end on SIGTERM (exit 143).
 */
final class StandIn {

  private StandIn() {
  }

  /** {@code bash -c 'read -t 120' org.cinderemu.deploy.CinderEmu --state-dir <dir>}: the shell waits on stdin. */
  static Process ofStack(StateDir state) throws IOException {
    return new ProcessBuilder(List.of("bash", "-c", "read -t 120", CinderEmu.class.getName(), "--state-dir",
        state.root().toString())).start();
  }

  static Process foreign() throws IOException {
    return new ProcessBuilder("sleep", "120").start();
  }
}
