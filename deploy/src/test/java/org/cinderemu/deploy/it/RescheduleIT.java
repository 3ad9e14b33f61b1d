package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.testing.Firehose;
import org.cinderemu.common.testing.Firehose.Traced;
import org.junit.jupiter.api.Test;

/**
 * A backend whose driver fails every create: the volume service reschedules through the scheduler
 * with the retry history, up to {@code scheduler_max_attempts} (docs/cinder-reference.md §6.6).
 */
class RescheduleIT {

  /** The seed lab where lvmdriver-1, the roomier backend the weigher prefers, fails every create. */
  private static Lab failingLab(String filters) throws Exception {
    Lab lab = new Lab();
    lab.set("lvmdriver-1", "emulator_create_failure_rate", "1.0");
    lab.set("whatever_it_is", "emulator_total_capacity_gb", "500");
    if (filters != null) {
      lab.set(CinderConf.DEFAULT, "scheduler_default_filters", filters);
    }
    return lab;
  }

  private static List<Traced> createsTo(Firehose firehose, String backendQueuePrefix, String volumeId) {
    return firehose.matching(t -> "create_volume".equals(t.method()) && t.routingKey().startsWith(backendQueuePrefix)
        && t.inner().getJsonObject("args").getJsonObject("volume").getJsonObject("versioned_object.data")
            .getString("id").equals(volumeId));
  }

  @Test
  void withDefaultFiltersTheRetriesLandOnTheSamePoolUntilMaxAttempts() throws Exception {
    try (Lab lab = failingLab(null)) {
      Firehose firehose = new Firehose(lab.vertx, lab.broker);
      lab.startAll();
      CinderHttp cinder = new CinderHttp(lab.apiVerticle().actualPort()).unlimited();
      String id = cinder.createVolume(1, null);
      JsonObject v = cinder.awaitSettled(id, Duration.ofSeconds(30));
      assertThat(v.getString("status")).isEqualTo("error");
      // IgnoreAttemptedHostsFilter is not a default filter, so all three attempts pick the roomier pool
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(createsTo(firehose, "cinder-volume." + lab.host + "@lvmdriver-1", id)).hasSize(3));
      List<Traced> toScheduler = firehose.matching(t -> "create_volume".equals(t.method())
          && t.routingKey().equals("cinder-scheduler"));
      Traced lastReschedule = toScheduler.get(toScheduler.size() - 1);
      JsonObject retry = lastReschedule.inner().getJsonObject("args").getJsonObject("filter_properties")
          .getJsonObject("retry");
      assertThat(retry.getInteger("num_attempts")).isEqualTo(3);
      assertThat(retry.getString("exc")).contains("emulated create failure");
      firehose.close();
    }
  }

  @Test
  void withIgnoreAttemptedHostsTheRescheduleLandsElsewhere() throws Exception {
    try (Lab lab = failingLab("AvailabilityZoneFilter,CapacityFilter,CapabilitiesFilter,IgnoreAttemptedHostsFilter")) {
      lab.startAll();
      CinderHttp cinder = new CinderHttp(lab.apiVerticle().actualPort()).unlimited();
      String id = cinder.createVolume(1, null);
      JsonObject v = cinder.awaitSettled(id, Duration.ofSeconds(30));
      assertThat(v.getString("status")).isEqualTo("available");
      assertThat(v.getString("os-vol-host-attr:host")).isEqualTo(lab.host + "@whatever_it_is#new_lvm_backend");
    }
  }
}
