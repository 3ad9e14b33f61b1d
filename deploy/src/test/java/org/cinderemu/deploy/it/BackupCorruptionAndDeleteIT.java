package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.testing.Firehose;
import org.cinderemu.common.testing.Firehose.Traced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What happens to backups on disk: a restore from a backup with a damaged object file never writes silently
 * corrupt data (the volume ends {@code error_restoring}, the backup is {@code available} again,
 * docs/cinder-reference.md §7.2), and a
 * deleted backup goes {@code deleting}, disappears from the API and leaves no files under
 * {@code backup_posix_path}.
 */
class BackupCorruptionAndDeleteIT {

  static final long MIB = BackupDataLab.MIB;
  static final Duration SETTLE = BackupDataLab.SETTLE;

  static BackupDataLab lab;
  static Firehose firehose;
  static CinderHttp cinder;
  static Path backupDir;

  @BeforeAll
  static void start() throws Exception {
    lab = BackupDataLab.start();
    backupDir = lab.backupDir;
    firehose = new Firehose(lab.lab.vertx, lab.lab.broker);
    cinder = lab.cinder;
  }

  @AfterAll
  static void stop() throws Exception {
    if (firehose != null) {
      firehose.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aRestoreFromACorruptedObjectEndsInErrorRestoring() throws Exception {
    String volume = lab.availableVolume();
    lab.bytes.write(volume, MIB / 2, BackupDataLab.randomBytes(new Random(7), (int) (3 * MIB)));
    String id = lab.availableBackup(volume, false).getString("id");
    Backup row = lab.db.backups().get(id).await(10, TimeUnit.SECONDS);

    // flip bytes in the middle of the second object, which holds written (random) data
    Path object = backupDir.resolve(row.container()).resolve(row.serviceMetadata() + "-00002");
    byte[] stored = Files.readAllBytes(object);
    for (int i = stored.length / 2; i < stored.length / 2 + 16; i++) {
      stored[i] ^= (byte) 0xff;
    }
    Files.write(object, stored);

    String target = lab.availableVolume();
    cinder.restoreBackup(id, target);
    JsonObject b = cinder.awaitBackupSettled(id, SETTLE);
    assertThat(b.getString("status")).as("backup %s", b).isEqualTo("available");
    assertThat(cinder.awaitVolumeStatus(target, "error_restoring", SETTLE).getString("status"))
        .isEqualTo("error_restoring");
    // the source volume is left alone
    assertThat(cinder.volume(volume).getString("status")).isEqualTo("available");
  }

  @Test
  void aDeletedBackupGoesDeletingThenLeavesNeitherRowNorFiles() throws Exception {
    String volume = lab.availableVolume();
    lab.bytes.write(volume, 0, BackupDataLab.text(1000));
    String id = lab.availableBackup(volume, false).getString("id");
    Backup row = lab.db.backups().get(id).await(10, TimeUnit.SECONDS);
    assertThat(filesOf(row)).hasSize(row.objectCount() + 2); // objects, sha256file, metadata

    assertThat(cinder.send("DELETE", "/backups/" + id, null).status()).isEqualTo(202);
    await().atMost(SETTLE).until(() -> cinder.send("GET", "/backups/" + id, null).status() == 404);
    // the API set deleting before it cast delete_backup to the backup's host
    List<Traced> casts = firehose.matching(t -> t.body().containsKey("oslo.message")
        && "delete_backup".equals(t.method()));
    assertThat(casts).hasSize(1);
    assertThat(casts.get(0).routingKey()).isEqualTo("cinder-backup." + lab.lab.host);
    assertThat(casts.get(0).inner().getJsonObject("args").getJsonObject("backup")
        .getJsonObject("versioned_object.data").getString("status")).isEqualTo("deleting");
    Backup gone = lab.db.backups().find(id, true).await(10, TimeUnit.SECONDS).orElseThrow();
    assertThat(gone.status()).isEqualTo("deleted");
    assertThat(gone.deleted()).isTrue();
    assertThat(filesOf(row)).isEmpty();
    assertThat(backupDir.resolve(row.container())).doesNotExist();
    assertThat(cinder.volume(volume).getString("status")).isEqualTo("available");
  }

  /** Every file under the backup directory whose name starts with the backup's object prefix. */
  private static List<Path> filesOf(Backup row) throws IOException {
    if (!Files.isDirectory(backupDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(backupDir)) {
      return files.filter(p -> p.getFileName().toString().startsWith(row.serviceMetadata())).toList();
    }
  }
}
