package org.cinderemu.deploy;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code up}'s progress, one line per step as kind prints it: {@code ✓ database (cinder-db, pid 42) 0.8 s}.
 * The marks fall back to ASCII when the output is not a UTF-8 terminal (a pipe, a log file, LANG=C).
 */
public final class ProgressPrinter {

  private final PrintWriter out;
  private final String ok;
  private final String failed;

  public ProgressPrinter(PrintWriter out, boolean unicode) {
    this.out = out;
    this.ok = unicode ? "\u2713" : "[ok]";
    this.failed = unicode ? "\u2717" : "[FAILED]";
  }

  /** Unicode marks only on a terminal whose charset is UTF-8. */
  public static boolean unicodeTerminal() {
    java.io.Console console = System.console();
    return console != null && console.charset().equals(StandardCharsets.UTF_8);
  }

  /** {@code ✓ label (detail) 1.2 s}. */
  public void done(String label, String detail, Duration took) {
    line(ok + " " + label + " (" + detail + ") " + seconds(took));
  }

  public void failed(String label, String problem) {
    line(failed + " " + label + ": " + problem);
  }

  /** The last line of a successful start. */
  void ready(Duration took) {
    line(ok + " ready in " + seconds(took));
  }

  public void line(String text) {
    out.println(text);
    out.flush();
  }

  public static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
