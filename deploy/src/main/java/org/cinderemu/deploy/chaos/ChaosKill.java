package org.cinderemu.deploy.chaos;

import org.cinderemu.deploy.StateDir;
import picocli.CommandLine.Command;

/** {@code chaos kill CHILD…}: SIGKILL. */
@Command(name = "kill", mixinStandardHelpOptions = true,
    description = "SIGKILL each CHILD, as a crash would: no shutdown runs, its services rows stop heartbeating "
        + "and go down after service_down_time. `chaos restart` brings it back.")
final class ChaosKill extends ProcessVerb {

  @Override
  FaultOutcome apply(StateDir state, String child) {
    return ProcessFaults.kill(state, child);
  }
}
