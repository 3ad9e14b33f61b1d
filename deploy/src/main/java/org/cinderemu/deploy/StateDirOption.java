package org.cinderemu.deploy;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --state-dir DIR} of a command that works on the stack `up` started there (default as {@code up}'s): a
 * picocli mixin, so every such command names and documents it alike. {@link StackLocation} adds {@code --config}.
 */
public final class StateDirOption {

  /** {@code up}'s default state directory. */
  public static final String DEFAULT = ".state";

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = DEFAULT,
      description = "state directory of the stack (default: ${DEFAULT-VALUE})")
  Path stateDir = Path.of(DEFAULT);

  public StateDir state() {
    return new StateDir(stateDir);
  }

  /** The directory as given (a relative one stays relative, as a {@code state_path} default does). */
  public Path argument() {
    return stateDir;
  }
}
