package org.cinderemu.deploy.chaos;

import java.time.Duration;
import org.cinderemu.deploy.StateDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaos terminate CHILD…}: SIGTERM, and wait for the exit. */
@Command(name = "terminate", mixinStandardHelpOptions = true,
    description = "SIGTERM each CHILD, as systemd stops a unit, and wait until it exits (a frozen one is resumed "
        + "first). `chaos restart` brings it back.")
final class ChaosTerminate extends ProcessVerb {

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "how long to wait for the exit (default: ${DEFAULT-VALUE}); no SIGKILL follows")
  long timeoutSeconds;

  @Override
  FaultOutcome apply(StateDir state, String child) {
    return ProcessFaults.terminate(state, child, Duration.ofSeconds(timeoutSeconds));
  }
}
