package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.cinderemu.api.ApiVerticle;
import org.cinderemu.scheduler.SchedulerVerticle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed lab end to end through the real broker: volumes created through the API become available
 * on the backend their type or the CapacityWeigher picks, and the host field says where.
 */
class VolumeCreateIT {

  static Lab lab;
  static CinderHttp cinder;
  static SchedulerVerticle scheduler;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    // lvmdriver-1 has more room, so the CapacityWeigher prefers it for untyped volumes
    lab.set("lvmdriver-1", "emulator_total_capacity_gb", "1000");
    lab.set("whatever_it_is", "emulator_total_capacity_gb", "500");
    lab.volume("lvmdriver-1");
    lab.volume("whatever_it_is");
    scheduler = lab.scheduler();
    ApiVerticle api = lab.api();
    cinder = new CinderHttp(api.actualPort()).unlimited();
  }

  @AfterAll
  static void stop() throws Exception {
    lab.close();
  }

  @Test
  void aTypedVolumeLandsOnTheBackendItsTypeNames() {
    cinder.createType("new_lvm_backend", new JsonObject().put("volume_backend_name", "new_lvm_backend"));
    String id = cinder.createVolume(1, "new_lvm_backend");
    JsonObject v = cinder.awaitSettled(id, Duration.ofSeconds(30));
    assertThat(v.getString("status")).isEqualTo("available");
    assertThat(v.getString("os-vol-host-attr:host")).isEqualTo(lab.host + "@whatever_it_is#new_lvm_backend");
    assertThat(v.getString("volume_type")).isEqualTo("new_lvm_backend");
  }

  @Test
  void untypedVolumesLandByCapacityWeighing() {
    String big = cinder.createVolume(600, null);
    assertThat(cinder.awaitSettled(big, Duration.ofSeconds(30)).getString("os-vol-host-attr:host"))
        .isEqualTo(lab.host + "@lvmdriver-1#lvmdriver-1");
    // lvmdriver-1 now has 400 GB free, whatever_it_is 500 GB (less what other tests took): the next one spreads
    String next = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(next, Duration.ofSeconds(30)).getString("os-vol-host-attr:host"))
        .isEqualTo(lab.host + "@whatever_it_is#new_lvm_backend");
  }

  @Test
  void anImpossibleSizeEndsInError() {
    String id = cinder.createVolume(100_000, null);
    JsonObject v = cinder.awaitSettled(id, Duration.ofSeconds(30));
    assertThat(v.getString("status")).isEqualTo("error");
    assertThat(v.getString("os-vol-host-attr:host")).isNull();
  }

  @Test
  void deletingFreesTheRow() {
    String id = cinder.createVolume(1, null);
    cinder.awaitSettled(id, Duration.ofSeconds(30));
    assertThat(cinder.send("DELETE", "/volumes/" + id, null).status()).isEqualTo(202);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> cinder.send("GET", "/volumes/" + id, null).status() == 404);
  }
}
