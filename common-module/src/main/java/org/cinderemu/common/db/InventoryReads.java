package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Whole-deployment reads for the Prometheus exporter of cinder-api: every live volume in one query (with its type's
 * name, as the API lists it) and every project the database knows of. Nothing here filters by project.
 */
public final class InventoryReads {

  /** One live volume with the fields openstack-exporter labels {@code openstack_cinder_volume_gb} with. */
  public record VolumeSummary(String id, String name, String status, String availabilityZone, boolean bootable,
      String projectId, String userId, String volumeType, int sizeGb) {
  }

  private final Database db;

  public InventoryReads(Database db) {
    this.db = db;
  }

  public Future<List<VolumeSummary>> volumes() {
    return db.pool().query("SELECT v.id, v.display_name, v.status, v.availability_zone, v.bootable, v.project_id,"
            + " v.user_id, v.size, t.name AS type_name FROM volumes v LEFT JOIN volume_types t"
            + " ON t.id = v.volume_type_id WHERE v.deleted = FALSE ORDER BY v.created_at, v.id").execute()
        .map(rows -> {
          List<VolumeSummary> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new VolumeSummary(Rows.string(r, "id"), Rows.string(r, "display_name"), Rows.string(r, "status"),
                Rows.string(r, "availability_zone"), Rows.bool(r, "bootable", false), Rows.string(r, "project_id"),
                Rows.string(r, "user_id"), Rows.string(r, "type_name"), Rows.integer(r, "size", 0)));
          }
          return out;
        });
  }

  /** Projects with volumes, backups, quota limits or usages (without Keystone these are all there are), sorted. */
  public Future<List<String>> projects() {
    return db.pool().query("SELECT project_id FROM volumes WHERE deleted = FALSE"
            + " UNION SELECT project_id FROM backups WHERE deleted = FALSE"
            + " UNION SELECT project_id FROM quotas WHERE deleted = FALSE"
            + " UNION SELECT project_id FROM quota_usages WHERE deleted = FALSE").execute()
        .map(rows -> {
          TreeSet<String> ids = new TreeSet<>();
          for (Row r : rows) {
            String id = Rows.string(r, "project_id");
            if (id != null && !id.isEmpty()) {
              ids.add(id);
            }
          }
          return List.copyOf(ids);
        });
  }
}
