package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.backup.BackupVerticle;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.testing.Firehose;
import org.cinderemu.common.testing.Firehose.Traced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed's scenario with {@code backup_use_same_host = True} (docs/cinder-reference.md §1.6): hosts A and B each run
 * a cinder-volume (backend lvmdriver-1) and a cinder-backup. The scheduler sends the backup of a volume on A to
 * {@code cinder-backup.A} and nowhere else; with A's backup service disabled or down the create fails as
 * Cinder's does: backup {@code error}, "Service not found for creating backup.", volume back to available.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupSameHostIT {

  // a 1 GiB backup takes a minute on 2 loaded cores; the wait ends as soon as it settles
  static final Duration SETTLE = Duration.ofSeconds(120);
  static final String NOT_FOUND = "Service not found for creating backup.";

  static Lab lab;
  static Firehose firehose;
  static CinderHttp cinder;
  static Database db;
  static String hostA;
  static String hostB;
  static BackupVerticle backupA;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    firehose = new Firehose(lab.vertx, lab.broker);
    hostA = lab.host + "-a";
    hostB = lab.host + "-b";
    lab.set(CinderConf.DEFAULT, "backup_use_same_host", "True");
    // each node names its backend's pool differently, so that a volume type can pick the node
    lab.set(CinderConf.DEFAULT, "host", hostA).set("lvmdriver-1", "volume_backend_name", "lvm_a");
    lab.volume("lvmdriver-1");
    backupA = lab.backup();
    lab.set(CinderConf.DEFAULT, "host", hostB).set("lvmdriver-1", "volume_backend_name", "lvm_b");
    lab.volume("lvmdriver-1");
    lab.backup();
    lab.set(CinderConf.DEFAULT, "host", lab.host);
    lab.scheduler();
    cinder = new CinderHttp(lab.api().actualPort()).unlimited();
    cinder.createType("on_a", new JsonObject().put("volume_backend_name", "lvm_a"));
    cinder.createType("on_b", new JsonObject().put("volume_backend_name", "lvm_b"));
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
  @Order(1)
  void theBackupOfAVolumeOnAIsTakenByTheBackupServiceOfA() throws Exception {
    String volume = availableVolume("on_a", hostA);
    String id = cinder.createBackup(volume, false);
    JsonObject b = cinder.awaitBackupSettled(id, SETTLE);
    assertThat(b.getString("status")).as("backup %s", b).isEqualTo("available");
    assertThat(row(id).host()).isEqualTo(hostA);
    assertThat(awaitCreateBackupCasts(id)).extracting(Traced::routingKey).containsExactly("cinder-backup." + hostA);
    assertThat(cinder.volume(volume).getString("status")).isEqualTo("available");
    assertThat(db.volumes().get(volume).await(10, TimeUnit.SECONDS).previousStatus()).isEqualTo("backing-up");
  }

  @Test
  @Order(2)
  void theBackupOfAVolumeOnBIsTakenByTheBackupServiceOfB() throws Exception {
    String volume = availableVolume("on_b", hostB);
    String id = cinder.createBackup(volume, false);
    assertThat(cinder.awaitBackupSettled(id, SETTLE).getString("status")).isEqualTo("available");
    assertThat(row(id).host()).isEqualTo(hostB);
    assertThat(awaitCreateBackupCasts(id)).extracting(Traced::routingKey).containsExactly("cinder-backup." + hostB);
  }

  @Test
  @Order(3)
  void withTheBackupServiceOfADisabledTheBackupFails() throws Exception {
    String volume = availableVolume("on_a", hostA);
    cinder.ok("PUT", "/os-services/disable", new JsonObject().put("host", hostA).put("binary", "cinder-backup"));
    try {
      assertServiceNotFound(volume, cinder.createBackup(volume, false));
    } finally {
      cinder.ok("PUT", "/os-services/enable", new JsonObject().put("host", hostA).put("binary", "cinder-backup"));
    }
    // enabled again, A takes backups again (B never does in same-host mode)
    String id = cinder.createBackup(volume, false);
    assertThat(cinder.awaitBackupSettled(id, SETTLE).getString("status")).isEqualTo("available");
    assertThat(row(id).host()).isEqualTo(hostA);
  }

  @Test
  @Order(4)
  void withTheBackupServiceOfADownTheBackupFails() throws Exception {
    String volume = availableVolume("on_a", hostA);
    String taken = cinder.createBackup(volume, false);
    assertThat(cinder.awaitBackupSettled(taken, SETTLE).getString("status")).isEqualTo("available");
    lab.undeploy(lab.deploymentOf(backupA)).await(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
        .until(() -> "down".equals(cinder.service("cinder-backup", hostA).getString("state")));
    assertServiceNotFound(volume, cinder.createBackup(volume, false));
    // delete, restore and reset-status pick the backup's own host in the API (docs/cinder-reference.md §1.6): it is
    // down
    CinderHttp.Answer refused = cinder.send("DELETE", "/backups/" + taken, null);
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.body().getJsonObject("itemNotFound").getString("message"))
        .isEqualTo("Service cinder-backup could not be found.");
    assertThat(cinder.backup(taken).getString("status")).isEqualTo("available");
  }

  private void assertServiceNotFound(String volume, String backupId) throws Exception {
    JsonObject b = cinder.awaitBackupSettled(backupId, SETTLE);
    assertThat(b.getString("status")).as("backup %s", b).isEqualTo("error");
    assertThat(b.getString("fail_reason")).isEqualTo(NOT_FOUND);
    assertThat(cinder.awaitSettled(volume, SETTLE).getString("status")).isEqualTo("available");
    assertThat(cinder.volume(volume).getString("status")).isEqualTo("available");
    // as Cinder's scheduler: previous_status is the status the volume had while waiting for a backup host
    assertThat(db.volumes().get(volume).await(10, TimeUnit.SECONDS).previousStatus()).isEqualTo("backing-up");
    // no backup service was asked (B would be a wrong answer in same-host mode)
    assertThat(createBackupCasts(backupId)).isEmpty();
    assertThat(row(backupId).host()).isNull();
  }

  private String availableVolume(String type, String node) {
    String id = cinder.createVolume(1, type);
    JsonObject v = cinder.awaitSettled(id, SETTLE);
    assertThat(v.getString("status")).as("volume %s", v).isEqualTo("available");
    assertThat(v.getString("os-vol-host-attr:host")).startsWith(node + "@lvmdriver-1#");
    return id;
  }

  private Backup row(String id) throws Exception {
    return db.backups().get(id).await(10, TimeUnit.SECONDS);
  }

  private static List<Traced> awaitCreateBackupCasts(String backupId) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !createBackupCasts(backupId).isEmpty());
    return createBackupCasts(backupId);
  }

  /** The scheduler's create_backup casts for this backup (the API's goes to cinder-scheduler). */
  private static List<Traced> createBackupCasts(String backupId) {
    return firehose.matching(t -> t.routingKey().startsWith("cinder-backup") && t.body().containsKey("oslo.message")
        && "create_backup".equals(t.method())
        && backupId.equals(t.inner().getJsonObject("args").getJsonObject("backup")
            .getJsonObject("versioned_object.data").getString("id")));
  }
}
