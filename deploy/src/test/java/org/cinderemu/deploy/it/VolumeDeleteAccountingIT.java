package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.QuotaUsage;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A volume's delete gives its pool capacity (allocated_capacity_gb as get_pools shows it) and its quota back
 * exactly once, however many deletes reach the API or the volume service. Delete latency is raised so that
 * the deletes overlap.
 */
class VolumeDeleteAccountingIT {

  private static final String BACKEND = "lvmdriver-1";
  private static final Duration SETTLED = Duration.ofSeconds(30);
  /** Long enough for any second release to show (deletes take {@code emulator_delete_latency_ms}). */
  private static final Duration STEADY = Duration.ofSeconds(3);

  static Lab lab;
  static Database db;
  static RpcTransport transport;
  static String pool;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    lab.set(BACKEND, "emulator_delete_latency_ms", "2000");
    lab.volume(BACKEND);
    lab.scheduler();
    lab.api();
    db = lab.openDatabase();
    transport = RpcTransport.connect(lab.vertx, RpcConfig.from(lab.conf()), "test-duplicates")
        .await(30, TimeUnit.SECONDS);
    pool = lab.host + "@" + BACKEND + "#" + BACKEND;
  }

  @AfterAll
  static void stop() throws Exception {
    lab.close();
  }

  @Test
  void aDuplicateDeleteVolumeCastReleasesCapacityAndQuotaOnce() throws Exception {
    CinderHttp cinder = cinder();
    long before = allocated(cinder);
    cinder.awaitSettled(cinder.createVolume(2, null), SETTLED);
    String doomed = cinder.createVolume(3, null);
    cinder.awaitSettled(doomed, SETTLED);
    awaitAllocated(cinder, before + 5);

    // what the API's delete does, then its delete_volume twice, as a repeated cast would bring it: both arrive
    // while the first is still deleting the bytes
    assertThat(db.volumes().updateStatus(doomed, List.of("available"), "deleting", Map.of())
        .await(10, TimeUnit.SECONDS)).isTrue();
    Volume deleting = db.volumes().get(doomed).await(10, TimeUnit.SECONDS);
    VolumeRpcApi volumes = new VolumeRpcApi(new RpcClient(transport));
    Future.all(volumes.deleteVolume(RequestContext.admin(), deleting, false, false),
        volumes.deleteVolume(RequestContext.admin(), deleting, false, false)).await(10, TimeUnit.SECONDS);

    cinder.awaitGone("volumes", doomed, SETTLED);
    assertSteady(cinder, before + 2, 1, 2);
  }

  @Test
  void concurrentForceDeletesReachTheVolumeServiceOnceAndReleaseOnce() throws Exception {
    CinderHttp cinder = cinder();
    long before = allocated(cinder);
    cinder.awaitSettled(cinder.createVolume(1, null), SETTLED);
    String doomed = cinder.createVolume(4, null);
    cinder.awaitSettled(doomed, SETTLED);
    awaitAllocated(cinder, before + 5);

    ExecutorService callers = Executors.newFixedThreadPool(10);
    List<Integer> statuses = new ArrayList<>();
    try {
      List<CompletableFuture<CinderHttp.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        answers.add(CompletableFuture.supplyAsync(() -> cinder.send("POST", "/volumes/" + doomed + "/action",
            new JsonObject().put("os-force_delete", new JsonObject())), callers));
      }
      for (CompletableFuture<CinderHttp.Answer> a : answers) {
        statuses.add(a.get(60, TimeUnit.SECONDS).status());
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(statuses).as(statuses.toString()).containsOnlyOnce(202).containsOnly(202, 400);
    cinder.awaitGone("volumes", doomed, SETTLED);
    assertSteady(cinder, before + 1, 1, 1);
  }

  // ---- helpers ----

  private static CinderHttp cinder() {
    return new CinderHttp(lab.apiVerticle().actualPort()).unlimited();
  }

  /** The pool's allocated_capacity_gb as the scheduler's get_pools reports it. */
  private static long allocated(CinderHttp cinder) {
    return cinder.ok("GET", "/scheduler-stats/get_pools?detail=True", null).getJsonArray("pools").stream()
        .map(p -> (JsonObject) p).filter(p -> pool.equals(p.getString("name")))
        .mapToLong(p -> p.getJsonObject("capabilities").getLong("allocated_capacity_gb"))
        .findFirst().orElse(-1);
  }

  private static void awaitAllocated(CinderHttp cinder, long expected) {
    await().atMost(SETTLED).pollInterval(Duration.ofMillis(200)).until(() -> allocated(cinder) == expected);
  }

  /** Pool allocation and the project's usage reach these values and keep them. */
  private static void assertSteady(CinderHttp cinder, long allocatedGb, int volumes, int gigabytes) {
    await().atMost(SETTLED).pollInterval(Duration.ofMillis(200)).until(() -> allocated(cinder) == allocatedGb);
    await().during(STEADY).atMost(STEADY.multipliedBy(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
      Map<String, QuotaUsage> usage = db.quotas().usage(cinder.project).await(10, TimeUnit.SECONDS);
      return allocated(cinder) == allocatedGb && usage.get(QuotaUsage.VOLUMES).inUse() == volumes
          && usage.get(QuotaUsage.GIGABYTES).inUse() == gigabytes;
    });
  }
}
