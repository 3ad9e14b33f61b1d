package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinderemu.common.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One request's log lines across the API, scheduler, volume and backup services (one JVM, the real broker and
 * database) all carry its request id, exactly once, in oslo.log's {@code [req-… user project]} place, including
 * the lines logged after a database query, an RPC cast or an RPC call's reply.
 */
class RequestIdLogIT {

  private static final Pattern REQ_ID = Pattern.compile("req-[0-9a-f-]{36}");

  static Lab lab;
  static CinderHttp cinder;
  static LogCapture capture;

  @BeforeAll
  static void start() throws Exception {
    capture = LogCapture.of("org.cinderemu", "DEBUG");
    lab = new Lab().startAll();
    cinder = new CinderHttp(lab.apiVerticle().actualPort()).unlimited();
  }

  @AfterAll
  static void stop() throws Exception {
    capture.close();
    lab.close();
  }

  @Test
  void everyLineOfAVolumeCreateCarriesItsRequestIdOnce() {
    // two in a row: a future cached by the first request (the reply queue, the exchange) must not lend its id
    for (int i = 0; i < 2; i++) {
      String volumeId = cinder.createVolume(1, null);
      await().atMost(Duration.ofSeconds(30)).until(() -> linesMentioning(volumeId).stream()
          .anyMatch(l -> l.logger().equals("VolumeManager") && l.text().contains("created on")));
      String reqId = requestOf(volumeId, "CreateVolume");

      List<LogCapture.Line> lines = linesOf(reqId);
      assertThat(lines).extracting(LogCapture.Line::logger)
          .contains("CreateVolume", "access", "RpcServer", "SchedulerManager", "VolumeManager");
      assertEachCarriesOnce(lines, reqId, cinder.user + " " + cinder.project);
      assertThat(linesMentioning(volumeId)).allSatisfy(l -> assertThat(l.context()).startsWith(reqId));
    }
  }

  @Test
  void aBackupsLinesAfterAnRpcCallsReplyKeepItsRequestId() {
    String volumeId = cinder.createVolume(1, null);
    cinder.awaitVolumeStatus(volumeId, "available", Duration.ofSeconds(30));
    String backupId = cinder.createBackup(volumeId, false);
    // the whole 1 GB volume is read over its data endpoint: slow on a loaded machine
    cinder.awaitBackupSettled(backupId, Duration.ofSeconds(180));
    // "available" is logged after initialize_connection, a call whose reply arrives on the reply queue's
    // consumer, then the data copy and the database updates
    await().atMost(Duration.ofSeconds(10)).until(() -> linesMentioning(backupId).stream()
        .anyMatch(l -> l.logger().equals("BackupManager") && l.text().contains("available")));
    String reqId = requestOf(backupId, "BackupManager");

    List<LogCapture.Line> lines = linesOf(reqId);
    assertThat(lines).extracting(LogCapture.Line::logger).contains("access", "SchedulerManager", "BackupManager");
    assertEachCarriesOnce(lines, reqId, cinder.user + " " + cinder.project);
    assertThat(linesMentioning(backupId)).allSatisfy(l -> assertThat(l.context()).startsWith(reqId));
  }

  private static void assertEachCarriesOnce(List<LogCapture.Line> lines, String reqId, String caller) {
    assertThat(lines).allSatisfy(l -> {
      assertThat(l.context()).as(l.text()).isEqualTo(reqId + " " + caller);
      assertThat(l.text()).as(l.text()).contains("[" + reqId + " " + caller + "]");
      assertThat(count(l.text(), reqId)).as(l.text()).isEqualTo(1);
    });
  }

  private static String requestOf(String resourceId, String logger) {
    LogCapture.Line line = linesMentioning(resourceId).stream().filter(l -> l.logger().equals(logger))
        .findFirst().orElseThrow(() -> new AssertionError(logger + " logged nothing about " + resourceId));
    Matcher m = REQ_ID.matcher(line.context());
    assertThat(m.find()).as(line.text()).isTrue();
    return m.group();
  }

  private static List<LogCapture.Line> linesOf(String reqId) {
    return capture.lines().stream().filter(l -> l.text().contains(reqId)).toList();
  }

  /** Lines about a resource, less the access lines of the GETs polling it: those are requests of their own. */
  private static List<LogCapture.Line> linesMentioning(String resourceId) {
    return capture.lines().stream().filter(l -> l.text().contains(resourceId))
        .filter(l -> !(l.logger().equals("access") && l.text().contains("\"GET "))).toList();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
