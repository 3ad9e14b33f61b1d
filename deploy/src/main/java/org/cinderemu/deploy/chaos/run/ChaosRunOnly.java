package org.cinderemu.deploy.chaos.run;

import picocli.CommandLine.Command;

/**
 * {@code cinder-emu chaos} with only {@code run}, until the fault verbs' ChaosCommand (h/cli) registers
 * {@link ChaosRunCommand} itself; then this class goes.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, description = "Chaos experiments (docs/chaos.md).",
    subcommands = ChaosRunCommand.class)
public final class ChaosRunOnly {
}
