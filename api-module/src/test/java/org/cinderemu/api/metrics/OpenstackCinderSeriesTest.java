package org.cinderemu.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cinderemu.common.db.InventoryReads.VolumeSummary;
import org.cinderemu.common.objects.QuotaUsage;
import org.junit.jupiter.api.Test;

/** The exporter's series from given rows, in the text a Prometheus scrape sees. */
class OpenstackCinderSeriesTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final OpenstackCinderSeries series = new OpenstackCinderSeries(registry);

  private static VolumeSummary volume(String id, String status, int size) {
    return new VolumeSummary(id, "vol-" + id, status, "nova", false, "p1", "u1", "__DEFAULT__", size);
  }

  private static CinderInventory inventory(List<VolumeSummary> volumes) {
    return new CinderInventory(
        Optional.of(List.of(
            new CinderInventory.Agent("uuid-1", "h1@lvm", "cinder-volume", "enabled", "nova", null, true),
            new CinderInventory.Agent("uuid-2", "h1", "cinder-scheduler", "disabled", "nova", "maintenance", false))),
        Optional.of(volumes), Optional.of(0),
        Optional.of(List.of(new CinderInventory.Pool("h1@lvm#lvm", "lvm", "Open Source", 990.0, 1000.0))),
        Optional.of(List.of(new CinderInventory.TenantLimits("p1", "p1", 1000, 10, -1, 0))));
  }

  @Test
  void statusCounterHasEveryKnownStatusWithZerosAndCountsTheRest() {
    series.update(inventory(List.of(volume("a", "available", 1), volume("b", "available", 2),
        volume("c", "available", 3), volume("d", "error", 4))));
    String text = registry.scrape();
    assertThat(text).contains("openstack_cinder_volume_status_counter{status=\"available\"} 3.0",
        "openstack_cinder_volume_status_counter{status=\"error\"} 1.0",
        "openstack_cinder_volume_status_counter{status=\"error_deleting\"} 0.0",
        "openstack_cinder_volume_status_counter{status=\"extending\"} 0.0",
        "openstack_cinder_volumes 4.0", "openstack_cinder_snapshots 0.0", "openstack_cinder_up 1.0");
    assertThat(text.lines().filter(l -> l.startsWith("openstack_cinder_volume_status_counter{")))
        .hasSize(OpenstackCinderSeries.KNOWN_STATUSES.size());
  }

  @Test
  void aStatusOutsideTheKnownListIsCountedToo() {
    assertThat(OpenstackCinderSeries.statusCounts(List.of(volume("a", "migrating-soon", 1))))
        .containsEntry("migrating-soon", 1).containsEntry("available", 0);
  }

  @Test
  void agentStateCarriesOpenstackExportersLabels() {
    series.update(inventory(List.of()));
    assertThat(registry.scrape()).contains(
        "openstack_cinder_agent_state{adminState=\"enabled\",disabledReason=\"\",hostname=\"h1@lvm\","
            + "service=\"cinder-volume\",uuid=\"uuid-1\",zone=\"nova\"} 1.0",
        "openstack_cinder_agent_state{adminState=\"disabled\",disabledReason=\"maintenance\",hostname=\"h1\","
            + "service=\"cinder-scheduler\",uuid=\"uuid-2\",zone=\"nova\"} 0.0");
  }

  @Test
  void volumeGbPoolsAndLimitsCarryTheirLabels() {
    series.update(inventory(List.of(volume("a", "available", 5))));
    assertThat(registry.scrape()).contains(
        "openstack_cinder_volume_gb{availability_zone=\"nova\",bootable=\"false\",id=\"a\",name=\"vol-a\","
            + "server_id=\"\",status=\"available\",tenant_id=\"p1\",user_id=\"u1\",volume_type=\"__DEFAULT__\"} 5.0",
        "openstack_cinder_pool_capacity_free_gb{name=\"h1@lvm#lvm\",vendor_name=\"Open Source\","
            + "volume_backend_name=\"lvm\"} 990.0",
        "openstack_cinder_pool_capacity_total_gb{name=\"h1@lvm#lvm\",vendor_name=\"Open Source\","
            + "volume_backend_name=\"lvm\"} 1000.0",
        "openstack_cinder_limits_volume_max_gb{tenant=\"p1\",tenant_id=\"p1\"} 1000.0",
        "openstack_cinder_limits_volume_used_gb{tenant=\"p1\",tenant_id=\"p1\"} 10.0",
        "openstack_cinder_limits_backup_max_gb{tenant=\"p1\",tenant_id=\"p1\"} -1.0",
        "openstack_cinder_limits_backup_used_gb{tenant=\"p1\",tenant_id=\"p1\"} 0.0",
        "# TYPE openstack_cinder_volume_gb gauge");
  }

  @Test
  void aDeletedVolumeLeavesItsSeriesAtTheNextUpdate() {
    series.update(inventory(List.of(volume("a", "available", 5))));
    series.update(inventory(List.of()));
    String text = registry.scrape();
    assertThat(text).doesNotContain("id=\"a\"").contains("openstack_cinder_volumes 0.0",
        "openstack_cinder_volume_status_counter{status=\"available\"} 0.0");
  }

  @Test
  void aFailedReadLeavesItsSeriesOutAndEveryFailedReadMeansDown() {
    series.update(new CinderInventory(Optional.empty(), Optional.of(List.of()), Optional.of(0), Optional.empty(),
        Optional.empty()));
    assertThat(registry.scrape()).doesNotContain("openstack_cinder_agent_state{")
        .contains("openstack_cinder_up 1.0");
    series.update(new CinderInventory(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty()));
    assertThat(registry.scrape()).contains("openstack_cinder_up 0.0").doesNotContain("openstack_cinder_volumes 0");
  }

  @Test
  void limitsComeFromTheGigabyteQuotas() {
    CinderInventory.TenantLimits l = CinderInventoryReader.tenantLimits("p", Map.of(
        QuotaUsage.GIGABYTES, new QuotaUsage("p", QuotaUsage.GIGABYTES, 100, 7, 1),
        QuotaUsage.BACKUP_GIGABYTES, new QuotaUsage("p", QuotaUsage.BACKUP_GIGABYTES, 50, 3, 0)));
    assertThat(l).isEqualTo(new CinderInventory.TenantLimits("p", "p", 100, 7, 50, 3));
  }

  @Test
  void capacitiesAreNumbersInfiniteOrUnknown() {
    assertThat(CinderInventoryReader.gigabytes(12.5)).isEqualTo(12.5);
    assertThat(CinderInventoryReader.gigabytes("infinite")).isInfinite();
    assertThat(CinderInventoryReader.gigabytes("unknown")).isNaN();
  }
}
