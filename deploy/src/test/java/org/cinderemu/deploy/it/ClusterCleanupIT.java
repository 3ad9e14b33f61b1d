package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Worker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Active-active (docs/cinder-reference.md §9.2, docs/chaos.md "Failover paths"): members A (its own process, a
 * driver that never finishes a create) and B (fast) of cluster {@code ha} on backend {@code lvm} share the
 * queue {@code cinder-volume.ha@lvm.ha}; creates land on both and carry {@code cluster_name ha@lvm#lvm}. A is
 * killed with work in flight; once it is down, {@code POST /workers/cleanup} (3.24) names it under
 * {@code cleaning}, and B, taking the cast from the cluster queue, claims A's {@code workers} rows and turns
 * A's {@code creating} volumes to {@code error}.
 */
class ClusterCleanupIT {

  static Lab lab;
  static CinderHttp cinder;
  static Database db;
  static String hostA;
  static String hostB;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    hostA = lab.host + "-a";
    hostB = lab.host + "-b";
    lab.set(CinderConf.DEFAULT, "enabled_backends", "lvm").set("lvm", "volume_backend_name", "lvm")
        .set(CinderConf.DEFAULT, "cluster", "ha");
    lab.scheduler();
    cinder = new CinderHttp(lab.api().actualPort()).unlimited();
    db = lab.openDatabase();
  }

  @AfterAll
  static void stop() throws Exception {
    lab.close();
  }

  @Test
  void aSurvivingMemberCleansTheWorkOfADeadOne() throws Exception {
    CinderConf slowA = lab.conf().with(CinderConf.DEFAULT, "host", hostA)
        .with(CinderConf.BACKEND_DEFAULTS, "emulator_create_latency_ms", "600000");
    List<String> onA = new ArrayList<>();
    List<String> onB = new ArrayList<>();
    try (ServiceProcess memberA = ServiceProcess.start("cinder-volume", slowA, lab.stateDir, "c-vol-a")) {
      lab.set(CinderConf.DEFAULT, "host", hostB).volume("lvm");
      try {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
            upVolumeServices() == 2 && !cinder.ok("GET", "/scheduler-stats/get_pools", null)
                .getJsonArray("pools").isEmpty());
      } catch (RuntimeException e) {
        throw new AssertionError("member A did not come up:\n" + memberA.logTail(), e);
      }
      // both members consume the cluster's queue: the broker hands each message to one of them
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() ->
          lab.broker.queues().stream().filter(q -> "cinder-volume.ha@lvm.ha".equals(q.getString("name")))
              .anyMatch(q -> q.getInteger("consumers", 0) == 2));
      JsonObject cluster = cinder.send("GET", "/clusters/detail", null, "3.7").body()
          .getJsonArray("clusters").getJsonObject(0);
      assertThat(cluster.getString("name")).isEqualTo("ha@lvm");
      assertThat(cluster.getInteger("num_hosts")).isEqualTo(2);

      int serviceA = db.services().findByHostAndBinary(hostA + "@lvm", "cinder-volume").await(10, TimeUnit.SECONDS)
          .orElseThrow().id();
      for (int i = 0; i < 12 && (onA.size() < 2 || onB.isEmpty()); i++) {
        String id = cinder.createVolume(1, null);
        // taken by A: its workers row names A; taken by B: available at once
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
            "available".equals(cinder.volume(id).getString("status")) || takenBy(id, serviceA));
        boolean byA = takenBy(id, serviceA);
        if (byA) {
          // the scheduler wrote the cluster's representative member; the member that took it writes its own
          await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).alias("host of " + id)
              .until(() -> hostOf(cinder.volume(id)), h -> h.equals(hostA + "@lvm#lvm"));
        }
        JsonObject v = cinder.volume(id);
        assertThat(v.getString("cluster_name")).as("volume %s", v).isEqualTo("ha@lvm#lvm");
        (byA ? onA : onB).add(id);
      }
      assertThat(onA).as("volumes taken by member A").hasSizeGreaterThanOrEqualTo(1);
      assertThat(onB).as("volumes taken by member B").isNotEmpty();
      assertThat(onB.stream().map(cinder::volume).map(ClusterCleanupIT::hostOf)).allMatch(h -> h.equals(
          hostB + "@lvm#lvm"));
      // the work A had taken is recorded as A's
      assertThat(db.workers().list().await(10, TimeUnit.SECONDS)).filteredOn(w -> onA.contains(w.resourceId()))
          .extracting(Worker::serviceId).containsOnly(serviceA);

      memberA.kill();
    }
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> "down".equals(cinder.service("cinder-volume", hostA + "@lvm").getString("state")));
    assertThat(cinder.send("POST", "/workers/cleanup", new JsonObject(), "3.23").status()).isEqualTo(404);

    CinderHttp.Answer answer = cinder.send("POST", "/workers/cleanup", new JsonObject(), "3.24");
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(202);
    JsonArray cleaning = answer.body().getJsonArray("cleaning");
    assertThat(cleaning).hasSize(1);
    assertThat(cleaning.getJsonObject(0).getString("host")).isEqualTo(hostA + "@lvm");
    assertThat(cleaning.getJsonObject(0).getString("cluster_name")).isEqualTo("ha@lvm");
    assertThat(answer.body().getJsonArray("unavailable")).isEmpty();

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> onA.stream().map(cinder::volume).allMatch(v -> "error".equals(v.getString("status"))));
    assertThat(db.workers().list().await(10, TimeUnit.SECONDS)).extracting(Worker::resourceId)
        .doesNotContainAnyElementsOf(onA);
    assertThat(onB.stream().map(cinder::volume).map(v -> v.getString("status"))).containsOnly("available");
    // the cluster stays up through its live member
    JsonObject after = cinder.send("GET", "/clusters/detail", null, "3.7").body().getJsonArray("clusters")
        .getJsonObject(0);
    assertThat(after.getString("state")).isEqualTo("up");
    assertThat(after.getInteger("num_down_hosts")).isEqualTo(1);
    // and takes new work: the cluster queue still has B
    String fresh = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(fresh, Duration.ofSeconds(30)).getString("status")).isEqualTo("available");
  }

  private static boolean takenBy(String volumeId, int serviceId) throws Exception {
    return db.workers().find(Worker.VOLUME, volumeId).await(10, TimeUnit.SECONDS)
        .map(w -> w.serviceId() != null && w.serviceId() == serviceId).orElse(false);
  }

  private static String hostOf(JsonObject v) {
    String h = v.getString("os-vol-host-attr:host");
    return h == null ? "" : h;
  }

  private static long upVolumeServices() {
    return cinder.ok("GET", "/os-services?binary=cinder-volume", null).getJsonArray("services").stream()
        .map(s -> (JsonObject) s).filter(s -> "up".equals(s.getString("state"))).count();
  }
}
