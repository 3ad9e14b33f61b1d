package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code up}'s progress lines, kind's style on a UTF-8 terminal and plain ASCII elsewhere. */
class ProgressPrinterTest {

  private final StringWriter text = new StringWriter();

  private ProgressPrinter printer(boolean unicode) {
    return new ProgressPrinter(new PrintWriter(text), unicode);
  }

  @Test
  void oneLinePerStepWithItsDetailsAndTime() {
    ProgressPrinter p = printer(true);
    p.done("database", "cinder-db, pid 42", Duration.ofMillis(840));
    p.done("cinder-volume", "vm@lvmdriver-1, vm@whatever_it_is, pid 44", Duration.ofMillis(2_051));
    p.ready(Duration.ofMillis(2_349));
    assertThat(text.toString().lines()).containsExactly(
        "\u2713 database (cinder-db, pid 42) 0.8 s",
        "\u2713 cinder-volume (vm@lvmdriver-1, vm@whatever_it_is, pid 44) 2.1 s",
        "\u2713 ready in 2.3 s");
  }

  @Test
  void asciiMarksWhenTheOutputIsNoUtf8Terminal() {
    ProgressPrinter p = printer(false);
    p.done("database", "cinder-db, pid 42", Duration.ofMillis(840));
    p.failed("cinder-api", "exited");
    p.ready(Duration.ofSeconds(3));
    assertThat(text.toString().lines()).containsExactly(
        "[ok] database (cinder-db, pid 42) 0.8 s",
        "[FAILED] cinder-api: exited",
        "[ok] ready in 3.0 s");
    assertThat(text.toString()).matches("\\p{ASCII}*");
  }

  @Test
  void noUnicodeWhenStdoutIsNotATerminal() {
    // surefire's forked JVM writes to a pipe
    assertThat(ProgressPrinter.unicodeTerminal()).isFalse();
  }
}
