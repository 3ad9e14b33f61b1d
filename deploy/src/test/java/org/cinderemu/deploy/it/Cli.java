package org.cinderemu.deploy.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an installed command-line program as a child process with a time limit: a clean environment (no
 * {@code OS_*} variable of whoever runs the tests can leak in), HOME set to a private directory, and stdout
 * and stderr captured through files so that neither pipe can fill up and stall the child.
 */
public final class Cli {

  /** What one run produced. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {

    /** This result, or an AssertionError that shows the command and everything it printed. */
    public Result ok() {
      if (exitCode != 0) {
        throw new AssertionError("exit code " + exitCode + " from " + this);
      }
      return this;
    }

    @Override
    public String toString() {
      return String.join(" ", command) + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
    }
  }

  private final Path home;
  private final Duration timeout;

  /** {@code home} becomes the child's HOME (clients write caches and config there). */
  public Cli(Path home, Duration timeout) {
    this.home = home;
    this.timeout = timeout;
  }

  public Path home() {
    return home;
  }

  /** Runs {@code command} to its end, or kills it and its children after the timeout (AssertionError). */
  public Result run(List<String> command) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile(home, "stdout-", ".txt");
      err = Files.createTempFile(home, "stderr-", ".txt");
      ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      Map<String, String> env = pb.environment();
      env.clear();
      env.put("PATH", "/usr/bin:/bin");
      env.put("HOME", home.toString());
      env.put("LANG", "C.UTF-8");
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new AssertionError("no answer within " + timeout + " from "
            + new Result(command, -1, read(out), read(err)));
      }
      return new Result(command, p.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      delete(out);
      delete(err);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static void delete(Path file) {
    if (file != null) {
      file.toFile().delete();
    }
  }
}
