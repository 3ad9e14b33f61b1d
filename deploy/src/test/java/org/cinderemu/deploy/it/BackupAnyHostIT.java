package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.testing.Firehose;
import org.cinderemu.common.testing.Firehose.Traced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code backup_use_same_host = False} (Cinder's default) the scheduler picks any backup service whose
 * report says it is up (docs/cinder-reference.md §1.6): a volume on host C, which runs no cinder-backup, is backed up
 * by A's or B's, reading C's volume over C's data endpoint, and restored by whichever backup service the API picks.
 */
class BackupAnyHostIT {

  // a 1 GiB backup takes a minute on 2 loaded cores; the wait ends as soon as it settles
  static final Duration SETTLE = Duration.ofSeconds(120);

  static Lab lab;
  static Firehose firehose;
  static CinderHttp cinder;
  static Database db;
  static String hostA;
  static String hostB;
  static String hostC;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    firehose = new Firehose(lab.vertx, lab.broker);
    hostA = lab.host + "-a";
    hostB = lab.host + "-b";
    hostC = lab.host + "-c";
    lab.set(CinderConf.DEFAULT, "backup_use_same_host", "False");
    lab.set(CinderConf.DEFAULT, "host", hostA).set("lvmdriver-1", "volume_backend_name", "lvm_a");
    lab.volume("lvmdriver-1");
    lab.backup();
    lab.set(CinderConf.DEFAULT, "host", hostB).set("lvmdriver-1", "volume_backend_name", "lvm_b");
    lab.volume("lvmdriver-1");
    lab.backup();
    lab.set(CinderConf.DEFAULT, "host", hostC).set("lvmdriver-1", "volume_backend_name", "lvm_c");
    lab.volume("lvmdriver-1");
    lab.set(CinderConf.DEFAULT, "host", lab.host);
    lab.scheduler();
    cinder = new CinderHttp(lab.api().actualPort()).unlimited();
    cinder.createType("on_c", new JsonObject().put("volume_backend_name", "lvm_c"));
    db = lab.openDatabase();
  }

  @AfterAll
  static void stop() throws Exception {
    if (firehose != null) {
      firehose.close();
    }
    lab.close();
  }

  @Test
  void aVolumeOnAHostWithoutBackupServiceIsBackedUpByAnotherHost() throws Exception {
    String volume = cinder.createVolume(1, "on_c");
    JsonObject v = cinder.awaitSettled(volume, SETTLE);
    assertThat(v.getString("os-vol-host-attr:host")).isEqualTo(hostC + "@lvmdriver-1#lvm_c");
    assertThat(cinder.service("cinder-backup", hostC)).isNull();

    String id = cinder.createBackup(volume, false);
    JsonObject b = cinder.awaitBackupSettled(id, SETTLE);
    assertThat(b.getString("status")).as("backup %s", b).isEqualTo("available");
    String chosen = db.backups().get(id).await(10, TimeUnit.SECONDS).host();
    assertThat(chosen).isIn(hostA, hostB);
    await().atMost(Duration.ofSeconds(10)).until(() -> !casts("create_backup", "cinder-backup.", id).isEmpty());
    assertThat(casts("create_backup", "cinder-backup.", id)).extracting(Traced::routingKey)
        .containsExactly("cinder-backup." + chosen);
    // the chosen backup service asked C's backend for the device and the connection
    assertThat(casts("get_backup_device", "cinder-volume.", id)).extracting(Traced::routingKey)
        .containsExactly("cinder-volume." + hostC + "@lvmdriver-1." + hostC);
    assertThat(cinder.volume(volume).getString("status")).isEqualTo("available");

    // and a restore goes to any up backup service too (the API's choice), back into C's volume
    cinder.restoreBackup(id, volume);
    assertThat(cinder.awaitBackupSettled(id, SETTLE).getString("status")).isEqualTo("available");
    assertThat(cinder.awaitVolumeStatus(volume, "available", SETTLE).getString("status")).isEqualTo("available");
    assertThat(db.backups().get(id).await(10, TimeUnit.SECONDS).host()).isIn(hostA, hostB);
  }

  /** Casts of {@code method} to a routing key starting with {@code to}, whose backup argument is {@code backupId}. */
  private static List<Traced> casts(String method, String to, String backupId) {
    return firehose.matching(t -> t.routingKey().startsWith(to) && t.body().containsKey("oslo.message")
        && method.equals(t.method())
        && backupId.equals(t.inner().getJsonObject("args").getJsonObject("backup")
            .getJsonObject("versioned_object.data").getString("id")));
  }
}
