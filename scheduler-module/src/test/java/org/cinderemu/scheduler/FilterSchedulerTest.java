package org.cinderemu.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cinderemu.scheduler.TestPools.REPORT_TS;
import static org.cinderemu.scheduler.TestPools.pool;
import static org.cinderemu.scheduler.TestPools.report;
import static org.cinderemu.scheduler.TestPools.svc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.scheduler.filters.SchedulerHostFilterNotFound;
import org.cinderemu.scheduler.state.ActiveVolumeService;
import org.cinderemu.scheduler.state.Capacity;
import org.cinderemu.scheduler.state.HostManager;
import org.cinderemu.scheduler.state.PoolState;
import org.junit.jupiter.api.Test;

/** The seed lab: emu-lab@lvmdriver-1 (pool lvmdriver-1) and emu-lab@whatever_it_is (pool new_lvm_backend). */
class FilterSchedulerTest {

  private static final String VOLUME_ID = "48244dcc-0662-410b-9124-77aa7fd73d45";
  private static final String LVM1 = "emu-lab@lvmdriver-1#lvmdriver-1";
  private static final String NEW = "emu-lab@whatever_it_is#new_lvm_backend";
  private static final List<ActiveVolumeService> LAB = List.of(
      svc("emu-lab@lvmdriver-1", "nova"), svc("emu-lab@whatever_it_is", "nova"));

  private static FilterScheduler lab(SchedulerOptions options) {
    HostManager hm = TestPools.hostManager(options);
    hm.updateServiceCapabilities("volume", "emu-lab@lvmdriver-1", null,
        report("lvmdriver-1", pool("lvmdriver-1", 1000, 1000)), REPORT_TS);
    hm.updateServiceCapabilities("volume", "emu-lab@whatever_it_is", null,
        report("new_lvm_backend", pool("new_lvm_backend", 1000, 1000)), REPORT_TS);
    return new FilterScheduler(hm);
  }

  private final FilterScheduler scheduler = lab(SchedulerOptions.defaults());

  private static SchedulingRequest.Builder create(long size) {
    return SchedulingRequest.forVolume(VOLUME_ID, size).availabilityZones(List.of("nova")).availabilityZone("nova");
  }

  @Test
  void volumeBackendNameSelectsTheTypedBackend() {
    ScheduleResult result = scheduler.selectBackend(LAB,
        create(1).extraSpec("volume_backend_name", "new_lvm_backend").build());
    assertThat(result.pool().host()).isEqualTo(NEW);
    assertThat(result.pool().clusterName()).isNull();
    assertThat(result.pool().availabilityZone()).isEqualTo("nova");
    // as in captured message 19
    assertThat(result.filterProperties()).isEqualTo(new JsonObject().put("retry", new JsonObject()
        .put("num_attempts", 1)
        .put("backends", new JsonArray().add(NEW))
        .put("hosts", new JsonArray().add(NEW))));
  }

  @Test
  void untypedVolumesSpreadOverBothBackends() {
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      hosts.add(scheduler.selectBackend(LAB, create(1).build()).pool().host());
    }
    // equal free space: the first listed wins, then the other has more room, and so on
    assertThat(hosts).containsExactly(LVM1, NEW, LVM1, NEW);
    PoolState lvm1 = scheduler.hostManager().currentPools().get(0);
    assertThat(lvm1.freeCapacityGb()).isEqualTo(Capacity.of(998));
  }

  @Test
  void stackingWithANegativeMultiplierFillsOneBackendFirst() {
    FilterScheduler stacking = lab(SchedulerOptions.defaults().withCapacityWeightMultiplier(-1.0));
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      hosts.add(stacking.selectBackend(LAB, create(1).build()).pool().host());
    }
    assertThat(hosts).containsExactly(LVM1, LVM1, LVM1);
  }

  @Test
  void servicesNotListedAreNeverChosen() {
    // emu-lab@lvmdriver-1 is disabled or down: the caller leaves it out
    List<ActiveVolumeService> onlyNew = List.of(svc("emu-lab@whatever_it_is", "nova"));
    for (int i = 0; i < 3; i++) {
      assertThat(scheduler.selectBackend(onlyNew, create(1).build()).pool().host()).isEqualTo(NEW);
    }
    assertThatThrownBy(() -> scheduler.selectBackend(List.of(), create(1).build()))
        .isInstanceOf(NoValidBackend.class)
        .hasMessage("No valid backend was found. No weighed backends available");
  }

  @Test
  void nothingFitsMeansNoValidBackend() {
    assertThatThrownBy(() -> scheduler.selectBackend(LAB, create(1001).build()))
        .isInstanceOf(NoValidBackend.class)
        .hasMessage("No valid backend was found. No weighed backends available")
        .extracting(e -> ((NoValidBackend) e).reason()).isEqualTo("No weighed backends available");
    assertThatThrownBy(() -> scheduler.selectBackend(LAB, create(1).availabilityZones(List.of("az2")).build()))
        .isInstanceOf(NoValidBackend.class);
    assertThatThrownBy(() -> scheduler.selectBackend(LAB,
        create(1).extraSpec("volume_backend_name", "nope").build())).isInstanceOf(NoValidBackend.class);
  }

  @Test
  void rescheduleCountsAttemptsAndGivesBackTheFailedPoolsSpace() {
    ScheduleResult first = scheduler.selectBackend(LAB, create(10).build());
    assertThat(first.pool().host()).isEqualTo(LVM1);
    assertThat(first.pool().freeCapacityGb()).isEqualTo(Capacity.of(990));
    // the volume service failed and rescheduled with the filter properties it was given
    JsonObject rescheduled = first.filterProperties();
    rescheduled.getJsonObject("retry").put("exc", "Traceback ...");
    ScheduleResult second = scheduler.selectBackend(LAB, create(10).filterProperties(rescheduled).build());
    // the 10 GB came back before weighing, so both pools tie again and the same one wins (no
    // IgnoreAttemptedHostsFilter by default); it holds one volume's worth, not two
    assertThat(second.pool()).isSameAs(first.pool());
    assertThat(second.pool().freeCapacityGb()).isEqualTo(Capacity.of(990));
    JsonObject retry = second.filterProperties().getJsonObject("retry");
    assertThat(retry.getInteger("num_attempts")).isEqualTo(2);
    assertThat(retry.getJsonArray("backends")).containsExactly(LVM1, LVM1);
    assertThat(retry.getJsonArray("hosts")).containsExactly(LVM1, LVM1);
    assertThat(retry.getString("exc")).isEqualTo("Traceback ...");
  }

  @Test
  void ignoreAttemptedHostsFilterMovesARetryElsewhere() {
    FilterScheduler avoiding = lab(SchedulerOptions.defaults().withFilters(List.of(
        "AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter", "IgnoreAttemptedHostsFilter")));
    ScheduleResult first = avoiding.selectBackend(LAB, create(10).build());
    ScheduleResult second = avoiding.selectBackend(LAB, create(10).filterProperties(first.filterProperties()).build());
    assertThat(first.pool().host()).isEqualTo(LVM1);
    assertThat(second.pool().host()).isEqualTo(NEW);
    assertThat(first.pool().freeCapacityGb()).isEqualTo(Capacity.of(1000));
  }

  @Test
  void tooManyAttemptsAreRefused() {
    JsonObject third = new JsonObject().put("retry", new JsonObject().put("num_attempts", 3)
        .put("backends", new JsonArray().add(LVM1).add(NEW).add(LVM1))
        .put("hosts", new JsonArray().add(LVM1).add(NEW).add(LVM1)));
    assertThatThrownBy(() -> scheduler.selectBackend(LAB, create(1).filterProperties(third).build()))
        .isInstanceOf(NoValidBackend.class)
        .hasMessage("No valid backend was found. Exceeded max scheduling attempts 3 for resource " + VOLUME_ID);
    JsonObject second = new JsonObject().put("retry", new JsonObject().put("num_attempts", 2)
        .put("backends", new JsonArray().add(LVM1).add(NEW)).put("hosts", new JsonArray().add(LVM1).add(NEW)));
    assertThat(scheduler.selectBackend(LAB, create(1).filterProperties(second).build())
        .filterProperties().getJsonObject("retry").getInteger("num_attempts")).isEqualTo(3);
  }

  @Test
  void oneAttemptMeansNoRetryAtAll() {
    FilterScheduler once = lab(SchedulerOptions.defaults().withMaxAttempts(1));
    JsonObject incoming = new JsonObject().put("retry", new JsonObject().put("num_attempts", 5))
        .put("scheduler_hints", new JsonObject());
    ScheduleResult result = once.selectBackend(LAB, create(1).filterProperties(incoming).build());
    assertThat(result.filterProperties().containsKey("retry")).isFalse();
    assertThat(result.filterProperties().containsKey("scheduler_hints")).isTrue();
  }

  @Test
  void resourceBackendKeepsClonesOnTheirSource() {
    assertThat(scheduler.selectBackend(LAB, create(1).resourceBackend("emu-lab@whatever_it_is").build())
        .pool().host()).isEqualTo(NEW);
    assertThat(scheduler.selectBackend(LAB, create(1).resourceBackend(NEW).build()).pool().host()).isEqualTo(NEW);
    assertThatThrownBy(() -> scheduler.selectBackend(LAB,
        create(1).resourceBackend("emu-lab@whatever_it_is#other").build()))
        .hasMessage("No valid backend was found. No weighed backends available");
  }

  @Test
  void multiattachVolumesNeedMultiattachPools() {
    HostManager hm = TestPools.hostManager(SchedulerOptions.defaults());
    hm.updateServiceCapabilities("volume", "n@single", null,
        report("single", pool("single", 1000, 1000).put("multiattach", false)), REPORT_TS);
    hm.updateServiceCapabilities("volume", "n@multi", null, report("multi", pool("multi", 10, 10)), REPORT_TS);
    FilterScheduler fs = new FilterScheduler(hm);
    List<ActiveVolumeService> services = List.of(svc("n@single", "nova"), svc("n@multi", "nova"));
    assertThat(fs.selectBackend(services, create(1).build()).pool().host()).isEqualTo("n@single#single");
    assertThat(fs.selectBackend(services, create(1).multiattach(true).build()).pool().host())
        .isEqualTo("n@multi#multi");
  }

  @Test
  void extendChecksTheVolumesOwnBackend() {
    SchedulingRequest extend = SchedulingRequest.forVolume(VOLUME_ID, 10).newSize(500L).build();
    PoolState pool = scheduler.backendPassesFilters(LAB, "emu-lab@lvmdriver-1", extend);
    assertThat(pool.host()).isEqualTo(LVM1);
    assertThat(scheduler.backendPassesFilters(LAB, LVM1, extend).host()).isEqualTo(LVM1);
    // nothing consumed: the caller does that for extend
    assertThat(pool.freeCapacityGb()).isEqualTo(Capacity.of(1000));
    SchedulingRequest tooBig = SchedulingRequest.forVolume(VOLUME_ID, 10).newSize(1011L).build();
    assertThatThrownBy(() -> scheduler.backendPassesFilters(LAB, "emu-lab@lvmdriver-1", tooBig))
        .isInstanceOf(NoValidBackend.class)
        .hasMessage("No valid backend was found. Cannot place volume " + VOLUME_ID + " on emu-lab@lvmdriver-1.");
  }

  @Test
  void migrateTargetMustPassTheVolumeTypesFilters() {
    SchedulingRequest migrate = SchedulingRequest.forVolume(VOLUME_ID, 1)
        .extraSpec("volume_backend_name", "lvmdriver-1").build();
    assertThat(scheduler.backendPassesFilters(LAB, "emu-lab@lvmdriver-1", migrate).toHostDict().getString("host"))
        .isEqualTo(LVM1);
    assertThatThrownBy(() -> scheduler.backendPassesFilters(LAB, "emu-lab@whatever_it_is", migrate))
        .hasMessage("No valid backend was found. Cannot place volume " + VOLUME_ID + " on emu-lab@whatever_it_is.");
    assertThatThrownBy(() -> scheduler.backendPassesFilters(LAB, "emu-lab@gone",
        SchedulingRequest.builder().resourceKind("snapshot").resourceId("s1").build()))
        .hasMessage("No valid backend was found. Cannot place snapshot s1 on emu-lab@gone.");
  }

  @Test
  void unknownFilterNamesFailAtStartup() {
    SchedulerOptions bad = SchedulerOptions.defaults().withFilters(List.of("CapacityFilter", "MadeUpFilter"));
    assertThatThrownBy(() -> new HostManager(bad))
        .isInstanceOf(SchedulerHostFilterNotFound.class)
        .hasMessage("Scheduler Host Filter MadeUpFilter could not be found.");
  }
}
