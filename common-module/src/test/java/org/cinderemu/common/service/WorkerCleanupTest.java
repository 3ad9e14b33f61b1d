package org.cinderemu.common.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.objects.CleanupRequest;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.VolumeType;
import org.cinderemu.common.objects.Worker;
import org.cinderemu.common.testing.TestDatabases;
import org.cinderemu.common.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The claim-and-clean loop of do_cleanup (docs/cinder-reference.md §9.2) on H2. */
class WorkerCleanupTest {

  static Vertx vertx;
  static TestDatabase testDb;
  static Database db;
  static String typeId;

  @BeforeAll
  static void open() throws Exception {
    vertx = Vertx.vertx();
    testDb = TestDatabases.create(Dialect.H2);
    // the migrations run first: slow on a loaded machine
    db = Database.open(vertx, testDb.url()).await(120, TimeUnit.SECONDS);
    typeId = await(db.volumeTypes().findByName(VolumeType.DEFAULT_NAME)).orElseThrow().id();
  }

  @AfterAll
  static void close() throws Exception {
    await(db.close());
    await(vertx.close());
    testDb.close();
  }

  @Test
  void theDeadServicesRowsAreClaimedOnceAndOnlyMatchingStatusesAreCleaned() throws Exception {
    int dead = service("dead@lvm");
    int live = service("live@lvm");
    int other = service("other@lvm");
    Volume creating = volume("dead@lvm#lvm", "creating");
    Volume movedOn = volume("dead@lvm#lvm", "available");
    Volume notMine = volume("other@lvm#lvm", "creating");
    await(db.workers().add(Worker.VOLUME, creating.id(), "creating", dead));
    await(db.workers().add(Worker.VOLUME, movedOn.id(), "creating", dead));
    await(db.workers().add(Worker.VOLUME, notMine.id(), "creating", other));
    List<String> cleaned = new ArrayList<>();
    WorkerCleanup cleanup = new WorkerCleanup(db, live, vol -> {
      cleaned.add(vol.id());
      return db.volumes().updateStatus(vol.id(), List.of("creating"), "error", java.util.Map.of()).map(false);
    });
    CleanupRequest request = new CleanupRequest(dead, null, "dead@lvm", "cinder-volume", false, null, null, null,
        LocalDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(5));

    WorkerCleanup.Outcome outcome = await(cleanup.run(request));

    assertThat(outcome.cleaned()).containsExactly(creating.id());
    assertThat(cleaned).containsExactly(creating.id());
    assertThat(await(db.volumes().get(creating.id())).status()).isEqualTo("error");
    assertThat(await(db.volumes().get(movedOn.id())).status()).isEqualTo("available");
    // both of the dead service's rows are gone (one cleaned, one whose work had moved on); others stay
    assertThat(await(db.workers().list())).extracting(Worker::resourceId).containsExactly(notMine.id());
    // a second run finds nothing left to claim
    assertThat(await(cleanup.run(request)).cleaned()).isEmpty();
  }

  @Test
  void aFailedCleaningGivesTheRowBackAndWorkNewerThanUntilIsLeftAlone() throws Exception {
    int dead = service("dead2@lvm");
    int live = service("live2@lvm");
    Volume deleting = volume("dead2@lvm#lvm", "deleting");
    await(db.workers().add(Worker.VOLUME, deleting.id(), "deleting", dead));
    WorkerCleanup failing = new WorkerCleanup(db, live, vol -> Future.failedFuture(new IllegalStateException("x")));
    LocalDateTime later = LocalDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(5);

    assertThat(await(failing.run(new CleanupRequest(dead, null, null, null, false, null, null, null, later)))
        .cleaned()).isEmpty();
    assertThat(await(db.workers().find(Worker.VOLUME, deleting.id())).orElseThrow().serviceId()).isEqualTo(dead);

    LocalDateTime before = LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(5);
    List<String> touched = new ArrayList<>();
    WorkerCleanup never = new WorkerCleanup(db, live, vol -> {
      touched.add(vol.id());
      return Future.succeededFuture(false);
    });
    assertThat(await(never.run(new CleanupRequest(dead, null, null, null, false, null, null, null, before)))
        .cleaned()).isEmpty();
    assertThat(touched).as("work newer than until is not cleaned").isEmpty();
  }

  private static int service(String host) throws Exception {
    return await(db.services().register(Service.builder().host(host).binary("cinder-volume").topic("cinder-volume")
        .rpcCurrentVersion("3.18").objectCurrentVersion("1.39").build())).id();
  }

  private static Volume volume(String host, String status) throws Exception {
    return await(db.volumes().insert(Volume.builder().userId("u").projectId("p").host(host).size(1)
        .availabilityZone("nova").status(status).volumeTypeId(typeId).displayName("v").build()));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }
}
