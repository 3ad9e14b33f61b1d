package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cinderemu.backup.BackupVerticle;
import org.cinderemu.backup.driver.PosixChunkedBackupDriver;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.BackupRepository;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcStats;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.rpc.api.ServiceTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the backup service does with input it cannot use: a failure whose message is longer than the
 * {@code fail_reason} column still ends the backup in {@code error} (the reason cut to the column), and a
 * {@code reset_status} cast with a status that is not one of Cinder's, or for a backup that does not exist, is
 * rejected, counted and changes no row.
 */
class BackupBadInputIT {

  static final Duration SETTLE = Duration.ofSeconds(60);

  static Lab lab;
  static CinderHttp cinder;
  static BackupVerticle backupService;
  static Database db;
  static RpcTransport harness;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    lab.set(CinderConf.DEFAULT, "enabled_backends", "lvmdriver-1");
    lab.volume("lvmdriver-1");
    lab.scheduler();
    backupService = lab.backup();
    cinder = new CinderHttp(lab.api().actualPort()).unlimited();
    db = lab.openDatabase();
    harness = RpcTransport.connect(lab.vertx, RpcConfig.from(lab.conf()), "it-harness").await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  private static String availableVolume() {
    String id = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(id, SETTLE).getString("status")).isEqualTo("available");
    return id;
  }

  @Test
  void aFailureReasonLongerThanItsColumnEndsTheBackupInError() {
    String volume = availableVolume();
    // 255 characters, as Cinder's schema allows: the driver refuses it with a message longer than that
    String container = "../".repeat(85);
    JsonObject body = new JsonObject().put("backup", new JsonObject().put("volume_id", volume)
        .put("container", container).put("name", "escaping"));
    String backup = cinder.ok("POST", "/backups", body).getJsonObject("backup").getString("id");

    JsonObject b = cinder.awaitBackupSettled(backup, SETTLE);
    assertThat(b.getString("status")).as("backup %s", b).isEqualTo("error");
    assertThat(b.getString("fail_reason")).hasSize(BackupRepository.FAIL_REASON_LENGTH)
        .startsWith("backup container '../../");
    assertThat(cinder.awaitVolumeStatus(volume, "available", SETTLE).getString("status")).isEqualTo("available");
  }

  @Test
  void resetStatusToANonStatusOrOfAnUnknownBackupIsRejectedCountedAndChangesNothing() throws Exception {
    // a finished backup of this host's service, as its row would be (copying a volume adds nothing here)
    Backup before = db.backups().insert(Backup.builder().userId("u").projectId("p")
        .volumeId(UUID.randomUUID().toString()).host(lab.host).status("available").size(1)
        .service(PosixChunkedBackupDriver.SERVICE_NAME).build()).await(10, TimeUnit.SECONDS);
    String id = before.id();
    Backup ghost = before.toBuilder().id(UUID.randomUUID().toString()).build();
    RpcStats stats = backupService.transport().stats();
    long rejected = stats.rejected.get();
    long badArguments = stats.badArguments.get();

    resetStatus(before, 12345);
    resetStatus(before, null);
    resetStatus(before, "on-fire");
    resetStatus(ghost, "error");

    // the three non-statuses fail the message's parsing; the unknown backup is refused by the handler
    await().atMost(SETTLE).until(() -> stats.badArguments.get() == badArguments + 3
        && stats.rejected.get() == rejected + 1);
    Backup after = db.backups().get(id).await(10, TimeUnit.SECONDS);
    assertThat(after.status()).isEqualTo("available");
    assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
    assertThat(db.backups().find(ghost.id(), true).await(10, TimeUnit.SECONDS)).isEmpty();

    // a status of Cinder's goes through, and the consumer is still there to take it
    resetStatus(before, "error");
    await().atMost(SETTLE).until(() -> "error".equals(db.backups().get(id).await(10, TimeUnit.SECONDS).status()));
    assertThat(stats.rejected.get()).isEqualTo(rejected + 1);
    assertThat(stats.badArguments.get()).isEqualTo(badArguments + 3);
  }

  /** A raw cast, so that the status can be anything JSON can hold. */
  private static void resetStatus(Backup backup, Object status) throws Exception {
    JsonObject args = new JsonObject().put("backup", VersionedObjects.toPrimitive(backup)).put("status", status);
    new RpcClient(harness).cast(Target.server(ServiceTopic.BACKUP.topic(), lab.host).withVersion("2.0"),
        RequestContext.admin(), "reset_status", args).await(10, TimeUnit.SECONDS);
  }
}
