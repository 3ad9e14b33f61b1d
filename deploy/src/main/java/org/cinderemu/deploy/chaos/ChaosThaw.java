package org.cinderemu.deploy.chaos;

import org.cinderemu.deploy.StateDir;
import picocli.CommandLine.Command;

/** {@code chaos thaw CHILD…}: SIGCONT before the freeze's time is up. */
@Command(name = "thaw", mixinStandardHelpOptions = true,
    description = "SIGCONT each CHILD that `chaos freeze --detach` froze, before its time is up.")
final class ChaosThaw extends ProcessVerb {

  @Override
  FaultOutcome apply(StateDir state, String child) {
    return ProcessFaults.thaw(state, child);
  }
}
