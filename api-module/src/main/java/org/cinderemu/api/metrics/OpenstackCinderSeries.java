package org.cinderemu.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cinderemu.common.db.InventoryReads.VolumeSummary;

/**
 * openstack-exporter's Cinder series (exporters/cinder.go): the same names, all gauges, the same label names and
 * values, so dashboards and alerts written for it work unchanged. Each {@link #update} replaces every series.
 */
public final class OpenstackCinderSeries {

  static final String PREFIX = "openstack_cinder_";
  /** The statuses openstack-exporter always reports, 0 where no volume has them (its knownVolumeStatuses). */
  static final List<String> KNOWN_STATUSES = List.of("creating", "available", "reserved", "attaching", "detaching",
      "in-use", "maintenance", "deleting", "awaiting-transfer", "error", "error_deleting", "backing-up",
      "restoring-backup", "error_backing-up", "error_restoring", "error_extending", "downloading", "uploading",
      "retyping", "extending");

  private final MultiGauge up;
  private final MultiGauge agentState;
  private final MultiGauge volumes;
  private final MultiGauge volumeGb;
  private final MultiGauge statusCounter;
  private final MultiGauge snapshots;
  private final MultiGauge poolFree;
  private final MultiGauge poolTotal;
  private final MultiGauge limitsVolumeMax;
  private final MultiGauge limitsVolumeUsed;
  private final MultiGauge limitsBackupMax;
  private final MultiGauge limitsBackupUsed;

  public OpenstackCinderSeries(MeterRegistry registry) {
    up = gauge(registry, "up");
    agentState = gauge(registry, "agent_state");
    volumes = gauge(registry, "volumes");
    volumeGb = gauge(registry, "volume_gb");
    statusCounter = gauge(registry, "volume_status_counter");
    snapshots = gauge(registry, "snapshots");
    poolFree = gauge(registry, "pool_capacity_free_gb");
    poolTotal = gauge(registry, "pool_capacity_total_gb");
    limitsVolumeMax = gauge(registry, "limits_volume_max_gb");
    limitsVolumeUsed = gauge(registry, "limits_volume_used_gb");
    limitsBackupMax = gauge(registry, "limits_backup_max_gb");
    limitsBackupUsed = gauge(registry, "limits_backup_used_gb");
  }

  // openstack-exporter's help text is the short name itself
  private static MultiGauge gauge(MeterRegistry registry, String name) {
    return MultiGauge.builder(PREFIX + name).description(name).register(registry);
  }

  public void update(CinderInventory inv) {
    up.register(List.of(Row.of(Tags.empty(), inv.up() ? 1 : 0)), true);
    agentState.register(inv.agents().map(OpenstackCinderSeries::agentRows).orElse(List.of()), true);
    volumes.register(inv.volumes().map(v -> List.of(Row.of(Tags.empty(), v.size()))).orElse(List.of()), true);
    volumeGb.register(inv.volumes().map(OpenstackCinderSeries::volumeRows).orElse(List.of()), true);
    statusCounter.register(inv.volumes().map(OpenstackCinderSeries::statusRows).orElse(List.of()), true);
    snapshots.register(inv.snapshots().map(n -> List.of(Row.of(Tags.empty(), n))).orElse(List.of()), true);
    poolFree.register(poolRows(inv, CinderInventory.Pool::freeGb), true);
    poolTotal.register(poolRows(inv, CinderInventory.Pool::totalGb), true);
    limitsVolumeMax.register(limitRows(inv, CinderInventory.TenantLimits::volumeMaxGb), true);
    limitsVolumeUsed.register(limitRows(inv, CinderInventory.TenantLimits::volumeUsedGb), true);
    limitsBackupMax.register(limitRows(inv, CinderInventory.TenantLimits::backupMaxGb), true);
    limitsBackupUsed.register(limitRows(inv, CinderInventory.TenantLimits::backupUsedGb), true);
  }

  private static List<Row<?>> agentRows(List<CinderInventory.Agent> agents) {
    List<Row<?>> rows = new ArrayList<>();
    for (CinderInventory.Agent a : agents) {
      rows.add(Row.of(Tags.of("uuid", nz(a.uuid()), "hostname", nz(a.hostname()), "service", nz(a.service()),
          "adminState", a.adminState(), "zone", nz(a.zone()), "disabledReason", nz(a.disabledReason())),
          a.up() ? 1 : 0));
    }
    return rows;
  }

  private static List<Row<?>> volumeRows(List<VolumeSummary> volumes) {
    List<Row<?>> rows = new ArrayList<>();
    for (VolumeSummary v : volumes) {
      // no attachments in the emulator: server_id is what openstack-exporter writes for a detached volume
      rows.add(Row.of(Tags.of("id", v.id(), "name", nz(v.name()), "status", nz(v.status()),
          "availability_zone", nz(v.availabilityZone()), "bootable", String.valueOf(v.bootable()),
          "tenant_id", nz(v.projectId()), "user_id", nz(v.userId()), "volume_type", nz(v.volumeType()),
          "server_id", ""), v.sizeGb()));
    }
    return rows;
  }

  /** Every known status (0 where none) plus any other status a volume has, as openstack-exporter counts them. */
  static Map<String, Integer> statusCounts(List<VolumeSummary> volumes) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    KNOWN_STATUSES.forEach(s -> counts.put(s, 0));
    volumes.forEach(v -> counts.merge(nz(v.status()), 1, Integer::sum));
    return counts;
  }

  private static List<Row<?>> statusRows(List<VolumeSummary> volumes) {
    List<Row<?>> rows = new ArrayList<>();
    statusCounts(volumes).forEach((status, n) -> rows.add(Row.of(Tags.of("status", status), n)));
    return rows;
  }

  private static List<Row<?>> poolRows(CinderInventory inv, Function<CinderInventory.Pool, Double> value) {
    List<Row<?>> rows = new ArrayList<>();
    inv.pools().orElse(List.of()).forEach(p -> rows.add(Row.of(Tags.of("name", nz(p.name()),
        "volume_backend_name", nz(p.volumeBackendName()), "vendor_name", nz(p.vendorName())), value.apply(p))));
    return rows;
  }

  private static List<Row<?>> limitRows(CinderInventory inv, Function<CinderInventory.TenantLimits, Integer> value) {
    List<Row<?>> rows = new ArrayList<>();
    inv.limits().orElse(List.of()).forEach(l -> rows.add(Row.of(Tags.of("tenant", nz(l.tenant()),
        "tenant_id", nz(l.tenantId())), value.apply(l))));
    return rows;
  }

  private static String nz(String v) {
    return v == null ? "" : v;
  }
}
