package org.cinderemu.deploy;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The layout of one stack's state directory (Cinder's {@code state_path}): the effective cinder.conf,
 * {@code logs/<binary>.log}, {@code run/<binary>.pid} written by the supervisor, {@code run/<binary>.ready}
 * written by the service once every verticle is deployed, and the database's password. Only its owner may enter
 * it (0700).
 */
public record StateDir(Path root) {

  public StateDir {
    root = root.toAbsolutePath().normalize();
  }

  public static StateDir of(String path) {
    return new StateDir(Path.of(path));
  }

  public Path conf() {
    return root.resolve("cinder.conf");
  }

  public Path logsDir() {
    return root.resolve("logs");
  }

  public Path runDir() {
    return root.resolve("run");
  }

  public Path logFile(String binary) {
    return logsDir().resolve(binary + ".log");
  }

  public PidFile pidFile(String binary) {
    return new PidFile(runDir().resolve(binary + ".pid"));
  }

  public PidFile readyFile(String binary) {
    return new PidFile(runDir().resolve(binary + ".ready"));
  }

  /** The admin endpoint's URL a service writes as it becomes ready ({@code /metrics}, {@code /healthcheck}). */
  public Path adminFile(String binary) {
    return runDir().resolve(binary + ".admin");
  }

  /** The command a child was last started with ({@link ChildSpec#save}): what {@code chaos restart} runs again. */
  public Path specFile(String child) {
    return runDir().resolve(child + ".spec");
  }

  /** Present while {@code chaos freeze} holds the child stopped (SIGSTOP): its pid, until when, its thaw guard. */
  public Path frozenFile(String child) {
    return runDir().resolve(child + ".frozen");
  }

  /** The password of the stack's H2 database (kept with the database, so it outlives every run). */
  public Path dbPasswordFile() {
    return root.resolve("cinder-db.password");
  }

  /** Creates the directories, or makes existing ones private (0700). */
  public StateDir create() {
    try {
      PrivateFiles.directory(root);
      PrivateFiles.directory(logsDir());
      PrivateFiles.directory(runDir());
      return this;
    } catch (IOException e) {
      throw new LaunchException("cannot create state directory " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
