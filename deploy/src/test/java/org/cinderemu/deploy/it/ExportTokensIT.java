package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.data.VolumeDataClient;
import org.cinderemu.common.data.VolumeDataException;
import org.cinderemu.common.db.Database;
import org.cinderemu.volume.VolumeVerticle;
import org.cinderemu.volume.data.ExportTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data endpoint's tokens die with what they were issued for: a deleted volume's, a failed migration's
 * (the target volume's attachment) and a failed backup's. The lab's backup path is a plain file, so every
 * backup fails once it has attached its volume.
 */
class ExportTokensIT {

  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final long GIB = 1L << 30;

  static Lab lab;
  static VolumeVerticle lvm;
  static VolumeVerticle whatever;
  static CinderHttp cinder;
  static Database db;
  static VolumeBytes bytes;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    Path notADirectory = Files.createFile(lab.stateDir.resolve("backups-are-a-file"));
    lab.set(CinderConf.DEFAULT, "backup_posix_path", notADirectory.toString());
    lab.api();
    lab.scheduler();
    lvm = lab.volume("lvmdriver-1");
    whatever = lab.volume("whatever_it_is");
    lab.backup();
    cinder = new CinderHttp(lab.apiVerticle().actualPort()).unlimited();
    db = lab.openDatabase();
    bytes = VolumeBytes.open(lab, db);
  }

  @AfterAll
  static void stop() throws Exception {
    if (bytes != null) {
      bytes.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void deleteVolumeRevokesItsTokens() throws Exception {
    String id = availableVolume();
    ExportTokens tokens = backendOf(id).dataServer().tokens();
    VolumeDataClient client = VolumeDataClient.open(lab.vertx, bytes.attach(id));
    assertThat(client.size().await(30, TimeUnit.SECONDS)).isEqualTo(GIB);

    cinder.ok("DELETE", "/volumes/" + id, null);
    cinder.awaitGone("volumes", id, SETTLE);

    assertThatThrownBy(() -> client.size().await(30, TimeUnit.SECONDS))
        .satisfies(e -> assertThat(((VolumeDataException) e).reason())
            .isEqualTo(VolumeDataException.Reason.ACCESS_DENIED));
    assertThat(tokens.isExported(id)).isFalse();
    client.close();
  }

  @Test
  void aFailedMigrationRevokesTheTargetsToken() throws Exception {
    String id = availableVolume();
    VolumeVerticle source = backendOf(id);
    VolumeVerticle target = source == lvm ? whatever : lvm;
    String targetHost = target == lvm ? lab.host + "@lvmdriver-1#lvmdriver-1"
        : lab.host + "@whatever_it_is#new_lvm_backend";
    // the copy fails once the target is attached: the source's bytes are gone
    String sourceBackend = source.serviceHost().substring(source.serviceHost().indexOf('@') + 1);
    Files.delete(lab.stateDir.resolve("volumes").resolve(sourceBackend).resolve("volume-" + id));
    ExportTokens targetTokens = target.dataServer().tokens();
    long issued = targetTokens.issuedCount();
    int live = targetTokens.liveCount();

    cinder.ok("POST", "/volumes/" + id + "/action",
        new JsonObject().put("os-migrate_volume", new JsonObject().put("host", targetHost)));
    await().atMost(SETTLE).until(() -> "error".equals(cinder.volume(id).getString("migration_status")));

    assertThat(targetTokens.issuedCount()).as("the target was attached").isGreaterThan(issued);
    // the temporary target volume's id is not ours to know: the target's live tokens are back where they were
    await().atMost(SETTLE).until(() -> targetTokens.liveCount() == live);
  }

  @Test
  void aFailedBackupRevokesItsToken() throws Exception {
    String id = availableVolume();
    bytes.write(id, 0, "some bytes to back up".getBytes());
    ExportTokens tokens = backendOf(id).dataServer().tokens();
    long issued = tokens.issuedCount();

    JsonObject backup = cinder.awaitBackupSettled(cinder.createBackup(id, false), SETTLE);

    assertThat(backup.getString("status")).as("backup %s", backup).isEqualTo("error");
    assertThat(tokens.issuedCount()).as("the volume was attached").isGreaterThan(issued);
    assertThat(tokens.isExported(id)).isFalse();
  }

  private static String availableVolume() {
    String id = cinder.createVolume(1, null);
    JsonObject v = cinder.awaitSettled(id, SETTLE);
    assertThat(v.getString("status")).as("volume %s", v).isEqualTo("available");
    return id;
  }

  private static VolumeVerticle backendOf(String volumeId) {
    String host = cinder.volume(volumeId).getString("os-vol-host-attr:host");
    return host.startsWith(lvm.serviceHost() + "#") ? lvm : whatever;
  }
}
