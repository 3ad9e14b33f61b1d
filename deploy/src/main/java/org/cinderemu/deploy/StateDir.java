package org.cinderemu.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of one stack's state directory (Cinder's {@code state_path}): the effective cinder.conf,
 * {@code logs/<binary>.log}, {@code run/<binary>.pid} written by the supervisor and {@code run/<binary>.ready}
 * written by the service once every verticle is deployed.
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

  public StateDir create() {
    try {
      Files.createDirectories(logsDir());
      Files.createDirectories(runDir());
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
