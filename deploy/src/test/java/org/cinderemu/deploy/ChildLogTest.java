package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child's log across runs: appended below one separator per run, the tail read from this run's start. */
class ChildLogTest {

  private static final Clock FIRST = Clock.fixed(Instant.parse("2026-12-02T01:00:00.123456Z"), ZoneOffset.UTC);
  private static final Clock SECOND = Clock.fixed(Instant.parse("2026-12-02T02:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private Path log() {
    return dir.resolve("cinder-volume.log");
  }

  private static void child(ChildLog log, String lines) throws Exception {
    Files.writeString(log.file(), lines, StandardOpenOption.APPEND);
  }

  @Test
  void aNewRunAppendsBelowItsSeparatorAndKeepsThePreviousRunsLines() throws Exception {
    ChildLog first = ChildLog.open(log(), FIRST, 41);
    child(first, "run 1 line a\nrun 1 line b\n");

    ChildLog second = ChildLog.open(log(), SECOND, 42);
    child(second, "run 2 line a\n");

    assertThat(Files.readAllLines(log())).containsExactly(
        "2026-12-02 01:00:00.123 ==== cinder-emu up pid 41 ====",
        "run 1 line a",
        "run 1 line b",
        "2026-12-02 02:00:00.000 ==== cinder-emu up pid 42 ====",
        "run 2 line a");
  }

  @Test
  void theTailIsThisRunsLinesOnly() throws Exception {
    child(ChildLog.open(log(), FIRST, 41), "old 1\nold 2\nold 3\n");

    ChildLog second = ChildLog.open(log(), SECOND, 42);
    assertThat(second.tail(20)).isEmpty();

    child(second, "new 1\nnew 2\nnew 3\n");
    assertThat(second.tail(20)).isEqualTo("new 1\nnew 2\nnew 3");
    assertThat(second.tail(2)).isEqualTo("new 2\nnew 3");
  }

  @Test
  void aRunKilledInTheMiddleOfALineStillGetsTheNextSeparatorOnALineOfItsOwn() throws Exception {
    child(ChildLog.open(log(), FIRST, 41), "half a li");

    ChildLog second = ChildLog.open(log(), SECOND, 42);

    assertThat(Files.readAllLines(log())).containsSubsequence("half a li",
        "2026-12-02 02:00:00.000 ==== cinder-emu up pid 42 ====");
    assertThat(second.tail(20)).isEmpty();
  }

  @Test
  void aLogTruncatedDuringTheRunShowsWhatItHoldsNow() throws Exception {
    child(ChildLog.open(log(), FIRST, 41), "old 1\nold 2\n");
    ChildLog second = ChildLog.open(log(), SECOND, 42);

    Files.writeString(log(), "after copytruncate\n");  // logrotate's copytruncate empties it under the child

    assertThat(second.tail(20)).isEqualTo("after copytruncate");
  }

  @Test
  void theLogIsTheOwnersOnlyAlsoWhenAnOlderLauncherLeftItReadableByOthers() throws Exception {
    Files.writeString(log(), "an older run\n");
    Files.setPosixFilePermissions(log(), PosixFilePermissions.fromString("rw-r--r--"));

    ChildLog.open(log(), SECOND, 42);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log()))).isEqualTo("rw-------");
    assertThat(Files.readString(log())).startsWith("an older run\n");
  }
}
