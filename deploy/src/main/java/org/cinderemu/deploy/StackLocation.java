package org.cinderemu.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.service.ServiceOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a stack and its database are, for the commands that read its cinder.conf ({@code status}, {@code trace},
 * {@code manage}): a picocli mixin with {@link StateDirOption}'s {@code --state-dir} and {@code --config}
 * (default: the effective cinder.conf `up` wrote there).
 */
public final class StackLocation {

  @Mixin
  StateDirOption stateDir = new StateDirOption();

  @Option(names = "--config", paramLabel = "FILE",
      description = "the cinder.conf naming the database and broker (default: <state-dir>/cinder.conf, the one "
          + "`up` writes)")
  Path config;

  public StateDir state() {
    return stateDir.state();
  }

  /** The directory as given (a relative one stays relative, as a {@code state_path} default does). */
  public Path stateDirArgument() {
    return stateDir.argument();
  }

  /** {@code --config} when given. */
  public Optional<Path> configArgument() {
    return Optional.ofNullable(config);
  }

  /** The cinder.conf to read: {@code --config}, else {@code <state-dir>/cinder.conf}. */
  public Path configFile() {
    return config != null ? config : state().conf();
  }

  /** Reads {@link #configFile()}; an unreadable one is an operator error naming both ways to fix it. */
  public CinderConf conf() throws IOException {
    Path file = configFile();
    if (!Files.isReadable(file)) {
      throw new LaunchException("cannot read " + file.toAbsolutePath() + " (give --state-dir of a stack `up` "
          + "started, or --config FILE)");
    }
    return CinderConf.load(file);
  }

  /** {@code [database] connection}, else the H2 file of {@code state_path} (the state dir when unset). */
  public DatabaseUrl databaseUrl(CinderConf conf) {
    Path statePath = conf.find(ServiceOptions.STATE_PATH).map(Path::of).orElse(stateDir.argument());
    return DatabaseUrl.fromConf(conf, statePath);
  }
}
