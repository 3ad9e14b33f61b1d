package org.cinderemu.deploy.manage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.deploy.StackLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cinder-emu manage}: cinder-manage's verbs (docs/cinder-reference.md §9.1) against the stack's
 * database, with its output and exit codes. A short-lived CLI process: it blocks on the repositories' futures
 * from its main thread, never from an event loop.
 */
@Command(name = "manage", mixinStandardHelpOptions = true,
    description = "cinder-manage: db sync|version, service list|remove, volume update_host, "
        + "backup update_backup_host, config list; works on the database named by the config.",
    subcommands = {BackupCommands.class, ConfigCommands.class, DbCommands.class, ServiceCommands.class,
        VolumeCommands.class})
public final class ManageCommand implements Runnable {

  private static final long TIMEOUT_SECONDS = 60;

  @Spec
  CommandSpec spec;

  @Mixin
  StackLocation stack;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing category: backup, config, db, service or volume");
  }

  /** A verb's body; a {@link ManageError} becomes its printed message and exit code. */
  interface Verb {
    int run(PrintWriter out) throws Exception;
  }

  int execute(Verb verb) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try {
      int code = verb.run(out);
      out.flush();
      return code;
    } catch (ManageError e) {
      // cinder-manage reports with print(), so on stdout
      out.println(e.getMessage());
      out.flush();
      return e.exitCode();
    }
  }

  /** The cinder.conf, read as cinder-manage reads its --config-file (exit 2 when it cannot be read). */
  CinderConf conf() {
    Path file = stack.configFile();
    if (!Files.isReadable(file)) {
      throw new ManageError(2, "Failed to read configuration file(s): ['" + file.toAbsolutePath() + "']");
    }
    try {
      return CinderConf.load(file);
    } catch (IOException e) {
      throw new ManageError(2, "Failed to read configuration file(s): ['" + file.toAbsolutePath() + "']");
    }
  }

  /** {@code [database] connection}, else the H2 file of {@code state_path} (the state dir when unset). */
  DatabaseUrl databaseUrl(CinderConf conf) {
    return stack.databaseUrl(conf);
  }

  /** Opens the database (bringing its schema up to date, as a starting service does), runs the work, closes. */
  <T> T withDatabase(CinderConf conf, Function<Database, Future<T>> work) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Database db = Database.open(vertx, databaseUrl(conf)).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      try {
        return work.apply(db).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } finally {
        db.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
