package org.cinderemu.deploy.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.deploy.CinderEmu;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cinder-emu logs}: merge order, one request across services, continuation lines, follow. */
class LogsCommandTest {

  static final String REQ = "req-7d0c2a44-0d0e-4f43-9b5e-3f2a1c9e8b71";

  @TempDir
  Path state;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeLogs() throws IOException {
    write("cinder-api", """
        2026-12-02 10:00:00.100 INFO  ApiVerticle [vert.x-eventloop-thread-0] [-] listening on 127.0.0.1:8776
        2026-12-02 10:00:01.000 INFO  FrontDoor [vert.x-eventloop-thread-0] [%1$s admin p1] POST /v3/p1/volumes
        2026-12-02 10:00:01.900 INFO  FrontDoor [vert.x-eventloop-thread-0] [req-other admin p1] GET /v3/p1/volumes
        """.formatted(REQ));
    write("cinder-scheduler", """
        2026-12-02 10:00:01.200 INFO  SchedulerManager [vert.x-eventloop-thread-0] [%1$s admin p1] chose node1@lvm#lvm
        """.formatted(REQ));
    write("cinder-volume", """
        2026-12-02 10:00:01.300 ERROR VolumeManager [vert.x-eventloop-thread-1] [%1$s admin p1] create failed
        java.lang.IllegalStateException: disk full
        \tat org.cinderemu.volume.Driver.create(Driver.java:1)
        2026-12-02 10:00:02.000 INFO  VolumeManager [vert.x-eventloop-thread-1] [-] capabilities reported
        """.formatted(REQ));
  }

  private void write(String service, String text) throws IOException {
    Files.createDirectories(state.resolve("logs"));
    Files.writeString(state.resolve("logs").resolve(service + ".log"), text, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private int run(String... args) {
    CommandLine cl = CinderEmu.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("logs", "--state-dir", state.toString()));
    all.addAll(List.of(args));
    return cl.execute(all.toArray(String[]::new));
  }

  @Test
  void everyServiceMergedInTimeOrderEachLinePrefixed() {
    assertThat(run()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0)).startsWith("cinder-api       | 2026-12-02 10:00:00.100");
    assertThat(lines.get(2)).startsWith("cinder-scheduler | 2026-12-02 10:00:01.200");
    assertThat(lines.get(3)).startsWith("cinder-volume    | 2026-12-02 10:00:01.300 ERROR");
    assertThat(lines.get(4)).isEqualTo("cinder-volume    | java.lang.IllegalStateException: disk full");
    assertThat(lines.get(6)).startsWith("cinder-api       | 2026-12-02 10:00:01.900");
    assertThat(lines.get(7)).contains("capabilities reported");
  }

  @Test
  void oneRequestFromEveryServiceItCrossedWithItsStackTrace() {
    assertThat(run("--request", REQ)).isZero();
    assertThat(out.toString().lines().toList()).containsExactly(
        "cinder-api       | 2026-12-02 10:00:01.000 INFO  FrontDoor [vert.x-eventloop-thread-0] [" + REQ
            + " admin p1] POST /v3/p1/volumes",
        "cinder-scheduler | 2026-12-02 10:00:01.200 INFO  SchedulerManager [vert.x-eventloop-thread-0] [" + REQ
            + " admin p1] chose node1@lvm#lvm",
        "cinder-volume    | 2026-12-02 10:00:01.300 ERROR VolumeManager [vert.x-eventloop-thread-1] [" + REQ
            + " admin p1] create failed",
        "cinder-volume    | java.lang.IllegalStateException: disk full",
        "cinder-volume    | \tat org.cinderemu.volume.Driver.create(Driver.java:1)");
  }

  @Test
  void aServiceArgumentPicksItsLogs() {
    assertThat(run("cinder-sch")).isZero();
    assertThat(out.toString().lines()).hasSize(1).allMatch(l -> l.startsWith("cinder-scheduler | "));
  }

  @Test
  void aRequestIdMustLookLikeOne() {
    assertThat(run("--request", "7d0c2a44")).isEqualTo(1);
    assertThat(err.toString()).contains("--request takes a request id such as req-");
  }

  @Test
  void noLogsIsAClearError() {
    assertThat(run("cinder-backup")).isEqualTo(1);
    assertThat(err.toString()).contains("no cinder-backup* log in " + state.resolve("logs"));
  }

  @Test
  void theFollowerPrintsOnlyCompleteAppendedLinesOfKeptEvents() throws IOException {
    Path dir = state.resolve("logs");
    List<String> seen = new ArrayList<>();
    LogFollower follower = new LogFollower(dir, null, e -> e.mentions(REQ));
    follower.markEnds();
    follower.poll(e -> seen.add(e.formatted(13)));
    assertThat(seen).isEmpty();  // the history is the merge's, not the follower's

    write("cinder-volume", "2026-12-02 10:00:03.000 INFO  V [t] [" + REQ + " admin p1] deleted\nTrace line\n"
        + "2026-12-02 10:00:03.100 INFO  V [t] [-] other\nits trace\n2026-12-02 10:00:03.2");
    write("cinder-backup", "2026-12-02 10:00:03.050 INFO  B [t] [" + REQ + " admin p1] new file\n");
    follower.poll(e -> seen.add(e.formatted(13)));
    assertThat(seen).containsExactlyInAnyOrder(
        "cinder-volume | 2026-12-02 10:00:03.000 INFO  V [t] [" + REQ + " admin p1] deleted",
        "cinder-volume | Trace line",
        "cinder-backup | 2026-12-02 10:00:03.050 INFO  B [t] [" + REQ + " admin p1] new file");

    seen.clear();
    write("cinder-volume", "00 INFO  V [t] [" + REQ + " admin p1] the partial line, completed\n");
    follower.poll(e -> seen.add(e.formatted(13)));
    assertThat(seen).containsExactly(
        "cinder-volume | 2026-12-02 10:00:03.200 INFO  V [t] [" + REQ + " admin p1] the partial line, completed");
  }
}
