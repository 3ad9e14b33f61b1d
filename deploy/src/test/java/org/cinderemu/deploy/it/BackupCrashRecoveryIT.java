package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.testing.Firehose;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cinder-backup process killed with SIGKILL in the middle of a backup leaves it {@code creating} and its
 * volume {@code backing-up}; the backup service's init_host at its restart (docs/cinder-reference.md §5.4) turns the
 * backup to {@code error} with "incomplete backup reset on manager restart" and gives the volume its previous status.
 * The row names the backup's container and object prefix before its first object is written, so deleting the
 * failed backup removes every file the killed service wrote.
 */
class BackupCrashRecoveryIT {

  // a 1 GiB backup takes a minute on 2 loaded cores; the wait ends as soon as it settles
  static final Duration SETTLE = Duration.ofSeconds(120);

  static Lab lab;
  static Firehose firehose;
  static CinderHttp cinder;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    firehose = new Firehose(lab.vertx, lab.broker);
    lab.set(CinderConf.DEFAULT, "enabled_backends", "lvmdriver-1");
    lab.volume("lvmdriver-1");
    lab.scheduler();
    cinder = new CinderHttp(lab.api().actualPort()).unlimited();
  }

  @AfterAll
  static void stop() throws Exception {
    if (firehose != null) {
      firehose.close();
    }
    lab.close();
  }

  @Test
  void aBackupCutShortByACrashEndsInErrorAtTheRestart() throws Exception {
    String volume = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(volume, SETTLE).getString("status")).isEqualTo("available");
    String backup;
    String queue = "cinder-backup." + lab.host;
    CinderConf slow = lab.conf().with(CinderConf.DEFAULT, "emulator_backup_latency_ms", "60000");
    int reports = backupReports();
    try (ServiceProcess process = ServiceProcess.start("cinder-backup", slow, lab.stateDir, "c-bak-slow")) {
      try {
        awaitBackupReport(reports);
        backup = cinder.createBackup(volume, false);
        // continue_backup reached the backup service (acked on delivery), which now waits before copying
        await().atMost(SETTLE).until(() -> !firehose.matching(t -> t.routingKey().equals(queue)
            && t.body().containsKey("oslo.message") && "continue_backup".equals(t.method())).isEmpty());
        await().atMost(SETTLE).until(() -> lab.broker.queues().stream()
            .filter(q -> queue.equals(q.getString("name"))).allMatch(q -> q.getInteger("messages") == 0));
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("the backup never reached the slow backup service:\n" + process.logTail(), e);
      }
      process.kill();
      assertThat(process.isAlive()).isFalse();
    }
    assertThat(cinder.backup(backup).getString("status")).isEqualTo("creating");
    assertThat(cinder.volume(volume).getString("status")).isEqualTo("backing-up");

    try (ServiceProcess process = ServiceProcess.start("cinder-backup", lab.conf(), lab.stateDir, "c-bak")) {
      try {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> "error".equals(cinder.backup(backup).getString("status")));
      } catch (RuntimeException e) {
        throw new AssertionError("backup " + cinder.backup(backup) + "\n" + process.logTail(), e);
      }
      JsonObject b = cinder.backup(backup);
      assertThat(b.getString("fail_reason")).isEqualTo("incomplete backup reset on manager restart");
      // the backup row is reset first, its volume right after
      cinder.awaitVolumeStatus(volume, "available", SETTLE);
      // as Cinder's cleanup: the status from before the backup, previous_status left as the API set it
      Database db = lab.openDatabase();
      assertThat(db.volumes().get(volume).await(10, TimeUnit.SECONDS).previousStatus()).isEqualTo("available");
      // and the restarted service takes new backups
      awaitBackupServiceUp();
      String next = cinder.createBackup(volume, false);
      JsonObject done;
      try {
        done = cinder.awaitBackupSettled(next, Duration.ofSeconds(180)); // 1 GiB through a loaded machine
      } catch (RuntimeException e) {
        throw new AssertionError("backup " + cinder.backup(next) + "\n" + process.logTail(), e);
      }
      assertThat(done.getString("status")).as("backup %s\n%s", done, process.logTail()).isEqualTo("available");
      assertThat(cinder.volume(volume).getString("status")).isEqualTo("available");
    }
  }

  @Test
  void aBackupKilledAfterItsFirstObjectIsDeletedWithoutLeavingAFile() throws Exception {
    String volume = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(volume, SETTLE).getString("status")).isEqualTo("available");
    Database db = lab.openDatabase();
    // a pause after each stored object holds the backup half-written
    CinderConf chunky = lab.conf().with(CinderConf.DEFAULT, "emulator_backup_chunk_latency_ms", "60000");
    String backup;
    Backup halfWritten;
    int reports = backupReports();
    try (ServiceProcess process = ServiceProcess.start("cinder-backup", chunky, lab.stateDir, "c-bak-chunky")) {
      try {
        awaitBackupReport(reports);
        awaitBackupServiceUp();
        backup = cinder.createBackup(volume, false);
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
            .until(() -> filesOf(backup).stream().anyMatch(f -> f.getFileName().toString().endsWith("-00001")));
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("the backup never stored its first object:\n" + process.logTail(), e);
      }
      halfWritten = db.backups().get(backup).await(10, TimeUnit.SECONDS);
      process.kill();
      assertThat(process.isAlive()).isFalse();
    }
    assertThat(halfWritten.status()).isEqualTo("creating");
    assertThat(halfWritten.container()).isNotNull();
    assertThat(halfWritten.serviceMetadata()).isNotNull();
    assertThat(filesOf(backup)).isNotEmpty();

    try (ServiceProcess process = ServiceProcess.start("cinder-backup", lab.conf(), lab.stateDir, "c-bak-after")) {
      try {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> "error".equals(cinder.backup(backup).getString("status")));
        awaitBackupServiceUp();
        assertThat(cinder.send("DELETE", "/backups/" + backup, null).status()).isEqualTo(202);
        await().atMost(SETTLE).until(() -> cinder.send("GET", "/backups/" + backup, null).status() == 404);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("backup " + db.backups().find(backup, true).await(10, TimeUnit.SECONDS) + "\n"
            + process.logTail(), e);
      }
      assertThat(filesOf(backup)).isEmpty();
      assertThat(backupDir().resolve(halfWritten.container())).doesNotExist();
    }
  }

  /** {@code backup_posix_path}'s default, {@code <state_path>/backup}. */
  private static Path backupDir() {
    return lab.stateDir.resolve("backup");
  }

  /** Every file of the backup under the backup directory: its object names and its container hold its id. */
  private static List<Path> filesOf(String backupId) throws IOException {
    if (!Files.isDirectory(backupDir())) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(backupDir())) {
      return files.filter(Files::isRegularFile).filter(p -> p.toString().contains(backupId)).toList();
    }
  }

  /** How many capability reports the backup services have sent so far. */
  private static int backupReports() {
    return firehose.matching(t -> t.exchange().equals("cinder-scheduler_fanout")
        && t.body().containsKey("oslo.message") && "update_service_capabilities".equals(t.method())
        && "backup".equals(t.inner().getJsonObject("args").getString("service_name"))).size();
  }

  /** The scheduler picks backup hosts from their reports: wait for the new service's first one. */
  private void awaitBackupReport(int before) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> backupReports() > before);
  }

  private void awaitBackupServiceUp() {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      JsonObject s = cinder.service("cinder-backup", lab.host);
      return s != null && "up".equals(s.getString("state"));
    });
  }
}
