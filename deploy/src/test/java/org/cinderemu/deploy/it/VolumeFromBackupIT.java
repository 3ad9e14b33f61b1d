package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.deploy.it.BackupDataLab.GIB;
import static org.cinderemu.deploy.it.BackupDataLab.MIB;
import static org.cinderemu.deploy.it.BackupDataLab.SETTLE;
import static org.cinderemu.deploy.it.BackupDataLab.randomBytes;
import static org.cinderemu.deploy.it.BackupDataLab.text;

import io.vertx.core.json.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /volumes} with {@code backup_id} (3.47), as Zed's {@code _create_from_backup}: the volume service
 * creates the raw volume, puts it in {@code restoring-backup} and asks the backup service to restore; the new
 * volume then holds exactly the backed-up bytes.
 */
class VolumeFromBackupIT {

  static BackupDataLab lab;

  @BeforeAll
  static void start() throws Exception {
    lab = BackupDataLab.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aVolumeCreatedFromABackupHoldsTheBackedUpBytes() throws Exception {
    String original = lab.availableVolume();
    ExpectedImage image = new ExpectedImage(GIB);
    Random random = new Random(47);
    lab.write(original, image, 4096, randomBytes(random, (int) (MIB + 1000)));
    lab.write(original, image, 300 * MIB + 7, text((int) MIB));
    lab.write(original, image, GIB - 8192, randomBytes(random, 8192));
    String taken = image.sha256();
    String backupId = lab.availableBackup(original, false).getString("id");

    CinderHttp.Answer created = lab.cinder.send("POST", "/volumes", new JsonObject().put("volume",
        new JsonObject().put("backup_id", backupId).put("name", "from-backup")), "3.47");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    JsonObject volume = created.body().getJsonObject("volume");
    // no size given: the backup's
    assertThat(volume.getInteger("size")).isEqualTo(1);
    String fresh = volume.getString("id");
    assertThat(fresh).isNotEqualTo(original);

    lab.awaitRestored(backupId, fresh);
    assertThat(lab.bytes.sha256(fresh)).isEqualTo(taken);
    assertThat(lab.cinder.backup(backupId).getString("status")).isEqualTo("available");
    assertThat(lab.db.backups().get(backupId).toCompletionStage().toCompletableFuture().get().restoreVolumeId())
        .isEqualTo(fresh);
    // the source volume is untouched
    assertThat(lab.cinder.volume(original).getString("status")).isEqualTo("available");
    assertThat(lab.bytes.sha256(original)).isEqualTo(taken);
  }

  @Test
  void aVolumeFromABackupMayBeLarger() throws Exception {
    String original = lab.availableVolume();
    ExpectedImage small = new ExpectedImage(GIB);
    lab.write(original, small, 0, text(64 * 1024));
    String backupId = lab.availableBackup(original, false).getString("id");

    CinderHttp.Answer created = lab.cinder.send("POST", "/volumes", new JsonObject().put("volume",
        new JsonObject().put("backup_id", backupId).put("size", 2)), "3.47");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    String fresh = created.body().getJsonObject("volume").getString("id");
    lab.awaitRestored(backupId, fresh);
    assertThat(lab.cinder.volume(fresh).getInteger("size")).isEqualTo(2);
    // the first GiB is the backup, the rest of the larger volume zeros
    ExpectedImage large = new ExpectedImage(2 * GIB).write(0, text(64 * 1024));
    assertThat(lab.bytes.sha256(fresh)).isEqualTo(large.sha256());
  }
}
