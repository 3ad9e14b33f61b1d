package org.cinderemu.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.PoolOptions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A connection loss and a stall seen through the repositories, on one dialect (docs/chaos.md); one database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseFaultsContract {

  private final Dialect dialect;
  private final DatabaseFaults faults = new DatabaseFaults(Clock.systemUTC());
  private Vertx vertx;
  private TestDatabases.TestDatabase testDb;
  private Database db;
  private Service service;

  DatabaseFaultsContract(Dialect dialect) {
    this.dialect = dialect;
  }

  @BeforeAll
  void open() throws Exception {
    vertx = Vertx.vertx();
    testDb = TestDatabases.create(dialect);
    db = Database.open(vertx, testDb.url(), new PoolOptions().setMaxSize(2), faults).await(60, TimeUnit.SECONDS);
    service = db.services().register(Service.builder().host("h1").binary("cinder-volume").topic("cinder-volume")
        .availabilityZone("nova").rpcCurrentVersion("3.18").objectCurrentVersion("1.39").build())
        .await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void clear() {
    faults.clear();
    await().atMost(Duration.ofSeconds(10)).until(() -> faults.stalls().isEmpty());
  }

  @AfterAll
  void close() throws Exception {
    try {
      db.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    } finally {
      testDb.close();
    }
  }

  private static Throwable failureOf(Future<?> f) throws Exception {
    try {
      f.await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("expected the query to fail");
  }

  private static boolean isConnectionError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aConnectionLossFailsQueriesThenTheyRecover() throws Exception {
    // both pooled connections exist before the loss
    Future.all(db.services().list(), db.services().list()).await(10, TimeUnit.SECONDS);
    int reports = db.services().get(service.id()).await(5, TimeUnit.SECONDS).reportCount();
    faults.disconnect(vertx, Duration.ofMillis(1500)).await(10, TimeUnit.SECONDS);
    assertThat(faults.status().getBoolean("disconnected")).isTrue();
    Throwable e = failureOf(db.services().heartbeat(service.id()));
    assertThat(isConnectionError(e)).as("%s", e).isTrue();
    Throwable tx = failureOf(db.quotas().inTransaction("p", java.util.Set.of("volumes"),
        t -> t.releaseIf(true, java.util.Map.of())));
    assertThat(isConnectionError(tx)).as("%s", tx).isTrue();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> db.services().heartbeat(service.id()).await(5, TimeUnit.SECONDS));
    assertThat(faults.status().getBoolean("disconnected")).isFalse();
    assertThat(db.services().get(service.id()).await(5, TimeUnit.SECONDS).reportCount()).isEqualTo(reports + 1);
  }

  @Test
  void aStallMakesWritersWaitUntilItEnds() throws Exception {
    // longer than H2's own 2 s lock timeout: the pool's sessions wait as InnoDB's do
    DatabaseFaults.Stall stall = faults.stall("services", Duration.ofMillis(2500)).await(10, TimeUnit.SECONDS);
    assertThat(stall.rowsLocked()).isEqualTo(1);
    assertThat(faults.status().getJsonArray("stalls")).hasSize(1);
    long start = System.nanoTime();
    assertThat(db.services().heartbeat(service.id()).await(30, TimeUnit.SECONDS)).isTrue();
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(waited).isGreaterThan(1500);
    await().atMost(Duration.ofSeconds(5)).until(() -> faults.stalls().isEmpty());
  }

  @Test
  void aClearedStallReleasesAtOnce() throws Exception {
    faults.stall("services", Duration.ofSeconds(60)).await(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> faults.stall("services", Duration.ofSeconds(1))).hasMessageContaining("already active");
    Future<Boolean> waiting = db.services().heartbeat(service.id());
    faults.clear();
    assertThat(waiting.await(20, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> faults.stalls().isEmpty());
  }

  @Test
  void badStallsAreRefused() {
    assertThatThrownBy(() -> faults.stall("volume_types", Duration.ofSeconds(1)))
        .hasMessageContaining("table must be one of");
    assertThatThrownBy(() -> faults.stall("volumes", Duration.ZERO)).hasMessageContaining("seconds must be");
    assertThatThrownBy(() -> faults.disconnect(vertx, Duration.ofHours(2))).hasMessageContaining("at most 3600");
  }
}
