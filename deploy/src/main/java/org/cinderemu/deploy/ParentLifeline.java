package org.cinderemu.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tie between the supervisor and its children: a child's stdin is a pipe from the supervisor, and the child
 * stops when that pipe reaches its end, which the kernel brings about however the supervisor ends (also
 * SIGKILL). A foreground stack thus never outlives its `up`; {@link #detach} releases a child of a detached stack.
 */
public final class ParentLifeline {

  /** Set in a child's environment when its stdin is the lifeline (a service started by hand reads no stdin). */
  static final String ENV = "CINDER_EMU_LIFELINE";
  static final String STDIN = "stdin";
  private static final String DETACH = "detach";
  private static final Logger LOG = LoggerFactory.getLogger(ParentLifeline.class);

  private ParentLifeline() {
  }

  /** Supervisor side: tells the child to outlive this process, then closes the pipe. */
  static void detach(OutputStream toChild) {
    try (toChild) {
      toChild.write((DETACH + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException childGone) {
      // nothing left to release
    }
  }

  /**
   * Child side: if this process was started on a lifeline, a daemon thread waits on it and exits the JVM (so the
   * shutdown hooks stop the service) when the supervisor is gone without having detached it.
   */
  public static void watch(String name) {
    if (!STDIN.equals(System.getenv(ENV))) {
      return;
    }
    Thread watcher = new Thread(() -> {
      if (readUntilDetached()) {
        LOG.info("{} detached from its supervisor: it runs until `cinder-emu down`", name);
        return;
      }
      LOG.warn("{}: the supervising `cinder-emu up` is gone; stopping", name);
      System.exit(0);
    }, name + "-lifeline");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static boolean readUntilDetached() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals(DETACH)) {
          return true;
        }
      }
    } catch (IOException broken) {
      // a broken pipe means the same as its end
    }
    return false;
  }
}
