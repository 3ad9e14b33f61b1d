package org.cinderemu.deploy.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;

/** One service in its own JVM, started the way {@code cinder-emu up} starts it, for crash tests. */
final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ServiceProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The end of the child's log, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static ServiceProcess start(String binary, CinderConf conf, Path dir, String name) throws IOException {
    return start(List.of(), binary, conf, dir, name);
  }

  /** Started through {@code launcher} (e.g. {@code ip netns exec NS}, which execs the JVM in its place). */
  static ServiceProcess start(List<String> launcher, String binary, CinderConf conf, Path dir, String name)
      throws IOException {
    Path confFile = dir.resolve(name + ".conf");
    Files.writeString(confFile, conf.toIni());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(launcher);
    // the child logs at the test's level (-Dcemu.test.log.level=INFO shows every hop of every process)
    command.addAll(List.of(java, "-Dcemu.test.log.level=" + System.getProperty("cemu.test.log.level", "WARN"),
        "-cp", System.getProperty("java.class.path"),
        "org.cinderemu.deploy.CinderEmu", "service", binary, "--config", confFile.toString()));
    Process p = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
    return new ServiceProcess(p, dir.resolve(name + ".log"));
  }

  /** SIGTERM, as systemd stops a unit; the exit status once the process is gone. */
  int terminate(java.time.Duration atMost) throws InterruptedException {
    process.destroy();
    return awaitExit(atMost);
  }

  int awaitExit(java.time.Duration atMost) throws InterruptedException {
    if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + atMost + ":\n" + logTail());
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no goodbye to the broker or the database. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
