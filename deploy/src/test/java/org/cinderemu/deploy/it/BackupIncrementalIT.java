package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.deploy.it.BackupDataLab.GIB;
import static org.cinderemu.deploy.it.BackupDataLab.MIB;
import static org.cinderemu.deploy.it.BackupDataLab.randomBytes;
import static org.cinderemu.deploy.it.BackupDataLab.text;

import io.vertx.core.json.JsonObject;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.objects.Backup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An incremental backup ({@code incremental: true}) after some bytes changed stores only the changed sha
 * blocks, and restoring it (its parent's objects, then its own) gives the volume as it was at that backup.
 */
class BackupIncrementalIT {

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
  void anIncrementalBackupRestoresTheChangedVolume() throws Exception {
    String volume = lab.availableVolume();
    ExpectedImage image = new ExpectedImage(GIB);
    Random random = new Random(4711);
    lab.write(volume, image, 3 * MIB - 1000, randomBytes(random, (int) (2 * MIB)));
    lab.write(volume, image, 600 * MIB, text((int) MIB));
    String full = lab.availableBackup(volume, false).getString("id");
    String before = image.sha256();

    // changes inside an object, over a boundary between two, and in a part that was never written
    lab.write(volume, image, 3 * MIB + 5000, randomBytes(random, 100));
    lab.write(volume, image, 600 * MIB + MIB - 4096, randomBytes(random, 8192));
    lab.write(volume, image, 1000 * MIB, text(40_000));
    String after = image.sha256();
    assertThat(after).isNotEqualTo(before);

    JsonObject incremental = lab.availableBackup(volume, true);
    String id = incremental.getString("id");
    assertThat(incremental.getBoolean("is_incremental")).isTrue();
    // one object per changed run of 32 KiB sha blocks (the boundary change splits in two objects)
    assertThat(incremental.getInteger("object_count")).isEqualTo(4);
    Backup row = lab.db.backups().get(id).await(10, TimeUnit.SECONDS);
    assertThat(row.parentId()).isEqualTo(full);
    assertThat(lab.cinder.backup(full).getBoolean("has_dependent_backups")).isTrue();
    assertThat(lab.cinder.volume(volume).getString("status")).isEqualTo("available");

    String restored = lab.cinder.restoreBackup(id, null);
    lab.awaitRestored(id, restored);
    assertThat(lab.bytes.sha256(restored)).isEqualTo(after);
  }
}
