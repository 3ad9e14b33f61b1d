package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.cinderemu.common.admin.AdminOptions;
import org.cinderemu.common.admin.AdminServer;
import org.cinderemu.common.admin.ProcessMetrics;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.DatabaseFaults;
import org.cinderemu.common.http.HttpServerLimits;
import org.cinderemu.volume.driver.DriverFault;
import org.cinderemu.volume.driver.DriverFaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Driver and database faults on one in-process lab (docs/chaos.md, "Driver and database faults"), through the Java
 * API and the admin endpoint's {@code driver} and {@code db} groups. lvmdriver-1 is the roomier backend the weigher
 * prefers; the scheduler runs BackendStateFilter and IgnoreAttemptedHostsFilter besides Cinder's defaults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriverAndDatabaseFaultsIT {

  private static final Duration SETTLE = Duration.ofSeconds(30);
  private Lab lab;
  private CinderHttp cinder;
  private AdminServer admin;
  private String lvm;
  private String other;
  private final DriverFaults driverFaults = DriverFaults.current();
  private final DatabaseFaults dbFaults = DatabaseFaults.current();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  void start() throws Exception {
    lab = new Lab();
    lab.set("whatever_it_is", "emulator_total_capacity_gb", "500");
    lab.set(CinderConf.DEFAULT, "scheduler_default_filters",
        "AvailabilityZoneFilter,CapacityFilter,CapabilitiesFilter,IgnoreAttemptedHostsFilter,BackendStateFilter");
    lab.startAll();
    lvm = lab.host + "@lvmdriver-1";
    other = lab.host + "@whatever_it_is";
    admin = AdminServer.start(lab.vertx, new AdminOptions("127.0.0.1", 0), HttpServerLimits.DEFAULTS,
        ProcessMetrics.current()).await(10, TimeUnit.SECONDS);
    cinder = new CinderHttp(lab.apiVerticle().actualPort()).unlimited();
    awaitPools(pools -> pools.size() == 2);
    // the project's quota_usages rows exist from here on, as in any deployment past its first volume
    assertThat(cinder.awaitSettled(cinder.createVolume(1, null), SETTLE).getString("status")).isEqualTo("available");
  }

  @AfterEach
  void clearFaults() {
    driverFaults.clearAll();
    dbFaults.clear();
    awaitPools(pools -> pools.size() == 2 && pools.stream().allMatch(p -> !"down".equals(caps(p)
        .getString("backend_state")) && caps(p).getDouble("free_capacity_gb") > 0));
  }

  @AfterAll
  void stop() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  private static JsonObject caps(JsonObject pool) {
    return pool.getJsonObject("capabilities");
  }

  private List<JsonObject> pools() {
    JsonArray pools = cinder.ok("GET", "/scheduler-stats/get_pools?detail=True", null).getJsonArray("pools");
    return pools.stream().map(p -> (JsonObject) p).toList();
  }

  private JsonObject pool(String backend) {
    return pools().stream().filter(p -> p.getString("name").startsWith(backend + "#")).findFirst().orElseThrow();
  }

  private void awaitPools(Predicate<List<JsonObject>> done) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> done.test(pools()));
  }

  private HttpResponse<String> chaos(String method, String path, JsonObject body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(admin.url() + "/chaos/" + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static DriverFault failing(double rate) {
    return new DriverFault(rate, 0, 0, false, DriverFault.UP, List.of(DriverFault.CREATE));
  }

  private JsonObject createAndSettle() {
    return cinder.awaitSettled(cinder.createVolume(1, null), SETTLE);
  }

  @Test
  void anErrorRateOfOneReschedulesTheCreateToTheOtherBackend() {
    driverFaults.set(lvm, failing(1.0));
    JsonObject v = createAndSettle();
    assertThat(v.getString("status")).isEqualTo("available");
    assertThat(v.getString("os-vol-host-attr:host")).isEqualTo(other + "#new_lvm_backend");
  }

  @Test
  void whenEveryBackendFailsTheCreateEndsInError() {
    driverFaults.setAll(failing(1.0));
    assertThat(createAndSettle().getString("status")).isEqualTo("error");
  }

  @Test
  void latencyMakesCreatesSlower() {
    driverFaults.setAll(new DriverFault(0, 1500, 100, false, DriverFault.UP, List.of()));
    long start = System.nanoTime();
    JsonObject v = createAndSettle();
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(v.getString("status")).isEqualTo("available");
    assertThat(tookMs).isGreaterThanOrEqualTo(1400);
  }

  @Test
  void exhaustedCapacityShowsInGetPoolsAndLeavesNoValidBackend() {
    driverFaults.setAll(new DriverFault(0, 0, 0, true, DriverFault.UP, List.of()));
    awaitPools(pools -> pools.stream().allMatch(p -> caps(p).getDouble("free_capacity_gb") == 0));
    JsonObject v = createAndSettle();
    assertThat(v.getString("status")).isEqualTo("error");
    // the scheduler refused it: no backend was ever written on the row
    assertThat(v.getString("os-vol-host-attr:host")).isNull();
  }

  @Test
  void aDownBackendIsNotChosen() throws Exception {
    HttpResponse<String> put = chaos("PUT", "driver/" + lvm, new JsonObject().put("backend_state", "down"));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(new JsonObject(put.body()).getJsonObject("fault").getString("backend_state")).isEqualTo("down");
    await().atMost(Duration.ofSeconds(20)).until(() -> "down".equals(caps(pool(lvm)).getString("backend_state")));
    JsonObject service = cinder.send("GET", "/os-services?binary=cinder-volume", null, "3.49").body()
        .getJsonArray("services").stream().map(s -> (JsonObject) s).filter(s -> lvm.equals(s.getString("host")))
        .findFirst().orElseThrow();
    assertThat(service.getString("backend_state")).isEqualTo("down");
    JsonObject v = createAndSettle();
    assertThat(v.getString("status")).isEqualTo("available");
    assertThat(v.getString("os-vol-host-attr:host")).isEqualTo(other + "#new_lvm_backend");
    assertThat(new JsonObject(chaos("GET", "driver", null).body()).getJsonObject("backends").fieldNames())
        .containsExactlyInAnyOrder(lvm, other);
    assertThat(chaos("PUT", "driver/nohost@nothing", new JsonObject()).statusCode()).isEqualTo(404);
    assertThat(chaos("PUT", "driver/" + lvm, new JsonObject().put("error_rate", 2)).statusCode()).isEqualTo(400);
  }

  @Test
  void aStalledQuotaTableMakesACreateWaitThenComplete() throws Exception {
    HttpResponse<String> stall = chaos("POST", "db/stall", new JsonObject().put("seconds", 3)
        .put("table", "quota_usages"));
    assertThat(stall.statusCode()).as(stall.body()).isEqualTo(200);
    assertThat(new JsonObject(chaos("GET", "db", null).body()).getJsonArray("stalls")).hasSize(1);
    long start = System.nanoTime();
    String id = cinder.createVolume(1, null);
    long acceptedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(acceptedMs).isGreaterThanOrEqualTo(1500);
    assertThat(cinder.awaitSettled(id, SETTLE).getString("status")).isEqualTo("available");
    assertThat(chaos("POST", "db/stall", new JsonObject().put("seconds", 3).put("table", "volume_types"))
        .statusCode()).isEqualTo(400);
    // DELETE ends a stall before its time
    assertThat(chaos("POST", "db/stall", new JsonObject().put("seconds", 600).put("table", "workers")).statusCode())
        .isEqualTo(200);
    assertThat(chaos("DELETE", "db", null).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> dbFaults.stalls().isEmpty());
  }

  @Test
  void aLostConnectionFailsRequestsUntilItEnds() throws Exception {
    HttpResponse<String> loss = chaos("POST", "db/disconnect", new JsonObject().put("seconds", 3));
    assertThat(loss.statusCode()).as(loss.body()).isEqualTo(200);
    assertThat(new JsonObject(loss.body()).getBoolean("disconnected")).isTrue();
    CinderHttp.Answer refused = cinder.send("POST", "/volumes", new JsonObject().put("volume",
        new JsonObject().put("size", 1)));
    assertThat(refused.status()).as(refused.body().encode()).isGreaterThanOrEqualTo(500);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
        .until(() -> cinder.send("GET", "/volumes", null).status() == 200);
    assertThat(createAndSettle().getString("status")).isEqualTo("available");
  }
}
