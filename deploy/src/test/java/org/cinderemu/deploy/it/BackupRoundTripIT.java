package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.deploy.it.BackupDataLab.GIB;
import static org.cinderemu.deploy.it.BackupDataLab.MIB;
import static org.cinderemu.deploy.it.BackupDataLab.randomBytes;
import static org.cinderemu.deploy.it.BackupDataLab.text;

import io.vertx.core.json.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data round trip through the whole backup flow (docs/cinder-reference.md §4.5): known bytes written into a volume over
 * its data endpoint, backed up in 1 MiB objects, restored into a new volume (restore without volume_id) and over the
 * changed original; the sha256 of the whole volume is that of what was written.
 */
class BackupRoundTripIT {

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
  void aFullBackupRestoresIntoANewVolumeAndIntoTheOriginal() throws Exception {
    String original = lab.availableVolume();
    ExpectedImage image = new ExpectedImage(GIB);
    Random random = new Random(42);
    // incompressible bytes across the first object boundary, compressible text, far out and at the very end
    lab.write(original, image, 100 * 1024, randomBytes(random, (int) (MIB + MIB / 2)));
    lab.write(original, image, 5 * MIB + 123, text(2 * (int) MIB));
    lab.write(original, image, 700 * MIB, randomBytes(random, (int) (MIB / 2)));
    lab.write(original, image, GIB - 4096, randomBytes(random, 4096));
    String taken = image.sha256();

    String full = lab.cinder.createBackup(original, false);
    JsonObject backup = lab.awaitAvailable(full);
    assertThat(backup.getBoolean("is_incremental")).isFalse();
    assertThat(backup.getInteger("size")).isEqualTo(1);
    assertThat(backup.getInteger("object_count")).isEqualTo(1024);
    assertThat(lab.cinder.volume(original).getString("status")).isEqualTo("available");

    // restore without a volume: the API creates one of the backup's size and restores into it
    String fresh = lab.cinder.restoreBackup(full, null);
    assertThat(fresh).isNotEqualTo(original);
    lab.awaitRestored(full, fresh);
    assertThat(lab.cinder.volume(fresh).getInteger("size")).isEqualTo(1);
    assertThat(lab.bytes.sha256(fresh)).isEqualTo(taken);

    // change the original, then restore the backup over it: every change is undone, zeros included
    lab.write(original, image, 0, randomBytes(random, 8192));
    lab.write(original, image, 700 * MIB + 1000, new byte[70_000]);
    lab.write(original, image, 900 * MIB, text(100_000));
    assertThat(image.sha256()).isNotEqualTo(taken);
    lab.cinder.restoreBackup(full, original);
    lab.awaitRestored(full, original);
    assertThat(lab.bytes.sha256(original)).isEqualTo(taken);
  }
}
