package org.cinderemu.common.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the oslo.messaging peer scripts (src/test/resources/oslo) with Debian's Python, whose
 * python3-oslo.messaging is the real RPC library Cinder uses. Lines it prints are collected.
 */
public final class PythonPeer implements AutoCloseable {

  public static final String PYTHON = "/usr/bin/python3";

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();

  private PythonPeer(Process process) {
    this.process = process;
    pump(process.getInputStream(), lines::add);
    pump(process.getErrorStream(), l -> {
      synchronized (stderr) {
        stderr.append(l).append('\n');
      }
    });
  }

  public static PythonPeer start(String script, String... args) throws IOException {
    return start(Map.of(), script, args);
  }

  /** The same with oslo options set in the environment, e.g. {@code OS_OSLO_MESSAGING_RABBIT__RABBIT_LOGIN_METHOD}. */
  public static PythonPeer start(Map<String, String> env, String script, String... args) throws IOException {
    Path file = Files.createTempFile("oslo-peer-", ".py");
    try (InputStream in = PythonPeer.class.getResourceAsStream("/oslo/" + script)) {
      if (in == null) {
        throw new IOException("no peer script " + script);
      }
      Files.write(file, in.readAllBytes());
    }
    List<String> cmd = new ArrayList<>(List.of(PYTHON, file.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd);
    builder.environment().putAll(env);
    return new PythonPeer(builder.start());
  }

  /** The next printed line, or an error with the script's stderr after the timeout. */
  public String nextLine(long timeoutSeconds) throws InterruptedException {
    String line = lines.poll(timeoutSeconds, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("peer printed nothing within " + timeoutSeconds + " s; stderr:\n" + stderr());
    }
    return line;
  }

  public String stderr() {
    synchronized (stderr) {
      return stderr.toString();
    }
  }

  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("peer still running after " + seconds + " s; stderr:\n" + stderr());
    }
    return process.exitValue();
  }

  private static void pump(InputStream in, java.util.function.Consumer<String> sink) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          sink.accept(l);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "python-peer-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
