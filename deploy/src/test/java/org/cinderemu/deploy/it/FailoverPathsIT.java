package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cinderemu.backup.BackupVerticle;
import org.cinderemu.backup.driver.PosixChunkedBackupDriver;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.testing.Firehose;
import org.cinderemu.deploy.CinderEmu;
import org.cinderemu.volume.VolumeVerticle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Cinder's failover paths without clusters (docs/chaos.md "Failover paths"): hosts A and B each run a
 * cinder-volume (backend lvm, configured alike: shared storage) and a cinder-backup. A's services stop; once their
 * heartbeats are older than service_down_time the scheduler no longer places volumes on A,
 * {@code manage volume update_host} moves A's volumes to B and their extend and delete go to B's queue, and
 * the API sends a backup's delete to B's live backup service (refused with {@code backup_use_same_host}).
 * Freezing B then refuses management operations on its volumes until it is thawed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverPathsIT {

  static Lab lab;
  static Firehose firehose;
  static CinderHttp cinder;
  static Database db;
  static Path confFile;
  static String hostA;
  static String hostB;
  static VolumeVerticle volumeA;
  static BackupVerticle backupA;
  static String volumeOnA;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    firehose = new Firehose(lab.vertx, lab.broker);
    hostA = lab.host + "-a";
    hostB = lab.host + "-b";
    lab.set(CinderConf.DEFAULT, "enabled_backends", "lvm");
    // shared storage, as update_host assumes: both nodes configure backend lvm alike
    lab.set(CinderConf.DEFAULT, "host", hostA).set("lvm", "volume_backend_name", "lvm");
    volumeA = lab.volume("lvm");
    backupA = lab.backup();
    lab.set(CinderConf.DEFAULT, "host", hostB);
    lab.volume("lvm");
    lab.backup();
    lab.set(CinderConf.DEFAULT, "host", lab.host);
    lab.scheduler();
    cinder = new CinderHttp(lab.api().actualPort()).unlimited();
    db = lab.openDatabase();
    confFile = lab.stateDir.resolve("manage.conf");
    Files.writeString(confFile, lab.conf().toIni());
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
        cinder.ok("GET", "/scheduler-stats/get_pools", null).getJsonArray("pools").size() == 2);
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
  void theSchedulerStopsChoosingABackendWhoseHeartbeatsStopped() throws Exception {
    // with B disabled the scheduler can only choose A
    JsonObject serviceB = new JsonObject().put("host", hostB + "@lvm").put("binary", "cinder-volume");
    cinder.ok("PUT", "/os-services/disable", serviceB);
    volumeOnA = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(volumeOnA, Duration.ofSeconds(30)).getString("os-vol-host-attr:host"))
        .isEqualTo(hostA + "@lvm#lvm");

    lab.undeploy(lab.deploymentOf(volumeA)).await(30, TimeUnit.SECONDS);
    lab.undeploy(lab.deploymentOf(backupA)).await(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
        .until(() -> "down".equals(cinder.service("cinder-volume", hostA + "@lvm").getString("state")));

    // A's last report is still in the scheduler, but its service is down: with B disabled, no valid backend
    String refused = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(refused, Duration.ofSeconds(30)).getString("status")).isEqualTo("error");
    cinder.ok("PUT", "/os-services/enable", serviceB);
    for (int i = 0; i < 3; i++) {
      String id = cinder.createVolume(1, null);
      assertThat(cinder.awaitSettled(id, Duration.ofSeconds(30)).getString("os-vol-host-attr:host"))
          .isEqualTo(hostB + "@lvm#lvm");
    }
  }

  @Test
  @Order(2)
  void updateHostMovesTheDeadHostsVolumesAndLaterOperationsGoToTheNewHost() throws Exception {
    assertThat(manage("volume", "update_host", "--currenthost", hostA + "@lvm", "--newhost", hostB + "@lvm#lvm"))
        .isZero();
    assertThat(cinder.volume(volumeOnA).getString("os-vol-host-attr:host")).isEqualTo(hostB + "@lvm#lvm");

    cinder.ok("POST", "/volumes/" + volumeOnA + "/action", new JsonObject().put("os-extend",
        new JsonObject().put("new_size", 2)));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
        cinder.volume(volumeOnA).getInteger("size") == 2
            && "available".equals(cinder.volume(volumeOnA).getString("status")));
    assertThat(cinder.send("DELETE", "/volumes/" + volumeOnA, null).status()).isEqualTo(202);
    cinder.awaitGone("volumes", volumeOnA, Duration.ofSeconds(30));
    // docs/cinder-reference.md §4.1: topic cinder-volume.<host@backend>, server <host>
    String queueOfB = "cinder-volume." + hostB + "@lvm." + hostB;
    // the API casts extend_volume to the scheduler first, which passes it on to the volume's backend
    assertThat(firehose.matching(t -> ("extend_volume".equals(t.method()) || "delete_volume".equals(t.method()))
            && t.routingKey().startsWith("cinder-volume")))
        .extracting(Firehose.Traced::routingKey).containsExactly(queueOfB, queueOfB);
  }

  @Test
  @Order(3)
  void aBackupOfTheDeadBackupHostIsDeletedByALiveOneUnlessTheSameHostIsRequired() throws Exception {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
        .until(() -> "down".equals(cinder.service("cinder-backup", hostA).getString("state")));
    String anyHost = backupOn(hostA);
    assertThat(cinder.send("DELETE", "/backups/" + anyHost, null).status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> !firehose.matching(t -> "delete_backup".equals(t.method()))
        .isEmpty());
    assertThat(firehose.matching(t -> "delete_backup".equals(t.method())))
        .extracting(Firehose.Traced::routingKey).containsExactly("cinder-backup." + hostB);

    // an API with backup_use_same_host sends the delete to the backup's own host only, and A's is down
    lab.set(CinderConf.DEFAULT, "backup_use_same_host", "True");
    CinderHttp sameHost = new CinderHttp(lab.api().actualPort());
    lab.set(CinderConf.DEFAULT, "backup_use_same_host", "False");
    String pinned = backupOn(hostA);
    CinderHttp.Answer refused = sameHost.send("DELETE", "/backups/" + pinned, null);
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.body().getJsonObject("itemNotFound").getString("message"))
        .isEqualTo("Service cinder-backup could not be found.");
    assertThat(cinder.backup(pinned).getString("status")).isEqualTo("available");
  }

  @Test
  @Order(4)
  void aFrozenBackendRefusesManagementOperationsUntilThawed() throws Exception {
    String id = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(id, Duration.ofSeconds(30)).getString("status")).isEqualTo("available");
    JsonObject hostBody = new JsonObject().put("host", hostB + "@lvm");

    assertThat(cinder.send("PUT", "/os-services/freeze", hostBody).status()).isEqualTo(200);
    JsonObject svc = cinder.service("cinder-volume", hostB + "@lvm");
    assertThat(svc.getBoolean("frozen")).isTrue();
    assertThat(svc.getString("status")).isEqualTo("disabled");
    assertThat(svc.getString("disabled_reason")).isEqualTo("frozen");
    CinderHttp.Answer again = cinder.send("PUT", "/os-services/freeze", hostBody);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body().getJsonObject("badRequest").getString("message"))
        .isEqualTo("Invalid input received: Host is already Frozen.");
    CinderHttp.Answer delete = cinder.send("DELETE", "/volumes/" + id, null);
    assertThat(delete.status()).isEqualTo(400);
    assertThat(delete.body().getJsonObject("badRequest").getString("message")).isEqualTo(
        "Invalid input received: Modification operations are not allowed on frozen storage backends.");
    // nothing is left to schedule to: A is down, B frozen
    String nowhere = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(nowhere, Duration.ofSeconds(30)).getString("status")).isEqualTo("error");

    assertThat(cinder.send("PUT", "/os-services/thaw", hostBody).status()).isEqualTo(200);
    svc = cinder.service("cinder-volume", hostB + "@lvm");
    assertThat(svc.getBoolean("frozen")).isFalse();
    assertThat(svc.getString("status")).isEqualTo("enabled");
    assertThat(cinder.send("PUT", "/os-services/thaw", hostBody).body().getJsonObject("badRequest")
        .getString("message")).isEqualTo("Invalid input received: Host is NOT Frozen.");
    assertThat(cinder.send("DELETE", "/volumes/" + id, null).status()).isEqualTo(202);
    cinder.awaitGone("volumes", id, Duration.ofSeconds(30));
  }

  /** A finished backup whose backup service was {@code host}'s, as its row would be. */
  private static String backupOn(String host) throws Exception {
    return db.backups().insert(Backup.builder().userId(cinder.user).projectId(cinder.project)
        .volumeId(UUID.randomUUID().toString()).host(host).availabilityZone("nova").status("available").size(1)
        .service(PosixChunkedBackupDriver.SERVICE_NAME).build()).await(10, TimeUnit.SECONDS).id();
  }

  private static int manage(String... args) {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("manage", "--config", confFile.toString()));
    all.addAll(java.util.List.of(args));
    var cl = CinderEmu.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    return cl.execute(all.toArray(String[]::new));
  }
}
