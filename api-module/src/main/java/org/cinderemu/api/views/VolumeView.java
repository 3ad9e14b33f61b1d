package org.cinderemu.api.views;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.fields.VolumeStatus;

/**
 * Volumes as Cinder's v3 views render them (docs/cinder-reference.md §8.5): the summary {@code {id, name, links}} and
 * the detail with the admin extension attributes and the microversion-dependent fields.
 */
public final class VolumeView {

  public static final String COLLECTION = "volumes";

  private VolumeView() {
  }

  public static JsonObject summary(ApiRequest req, Volume v) {
    return new JsonObject()
        .put("id", v.id())
        .put("name", v.displayName())
        .put("links", req.itemLinks(COLLECTION, v.id()));
  }

  public static JsonObject detail(ApiRequest req, Volume v) {
    ApiVersion mv = req.microversion();
    boolean admin = req.context().isAdmin();
    JsonObject o = new JsonObject()
        .put("id", v.id())
        .put("status", status(v.status()))
        .put("size", v.size())
        .put("availability_zone", v.availabilityZone())
        .put("created_at", ApiTimes.format(v.createdAt()))
        .put("updated_at", ApiTimes.format(v.updatedAt()))
        .put("name", v.displayName())
        .put("description", v.displayDescription())
        .put("volume_type", v.volumeType() != null ? v.volumeType().name() : v.volumeTypeId())
        .put("snapshot_id", v.snapshotId())
        .put("source_volid", v.sourceVolid())
        .put("metadata", new JsonObject(new LinkedHashMap<String, Object>(v.metadata())))
        .put("links", req.itemLinks(COLLECTION, v.id()))
        .put("user_id", v.userId())
        .put("bootable", Boolean.toString(v.bootable()))
        .put("encrypted", v.encryptionKeyId() != null)
        .put("replication_status", v.replicationStatus())
        .put("consistencygroup_id", v.consistencygroupId())
        .put("multiattach", v.multiattach());
    if (admin) {
      o.put("migration_status", v.migrationStatus());
    }
    // attachments are not modelled by the emulator
    o.put("attachments", new JsonArray());
    if (admin) {
      o.put("os-vol-host-attr:host", v.host());
      o.put("os-vol-mig-status-attr:migstat", v.migrationStatus());
      o.put("os-vol-mig-status-attr:name_id", v.nameId());
    }
    o.put("os-vol-tenant-attr:tenant_id", v.projectId());
    if (mv.isAtLeast("3.13")) {
      o.put("group_id", v.groupId());
    }
    if (admin && mv.isAtLeast("3.21")) {
      o.put("provider_id", v.providerId());
    }
    if (mv.isAtLeast("3.48")) {
      o.put("shared_targets", v.sharedTargets());
      o.put("service_uuid", v.serviceUuid());
    }
    if (admin && mv.isAtLeast("3.61")) {
      o.put("cluster_name", v.clusterName());
    }
    if (mv.isAtLeast("3.63")) {
      o.put("volume_type_id", v.volumeType() != null ? v.volumeType().id() : v.volumeTypeId());
    }
    if (mv.isAtLeast("3.64") && v.encryptionKeyId() != null) {
      o.put("encryption_key_id", v.encryptionKeyId());
    }
    if (mv.isAtLeast("3.65")) {
      o.put("consumes_quota", v.useQuota());
    }
    return o;
  }

  /** {@code {"volumes": [...], "volumes_links"?: [...], "count"?: n}}. */
  public static JsonObject list(ApiRequest req, List<Volume> volumes, boolean detail, JsonArray links,
      Integer count) {
    JsonArray items = new JsonArray();
    for (Volume v : volumes) {
      items.add(detail ? detail(req, v) : summary(req, v));
    }
    JsonObject body = new JsonObject().put("volumes", items);
    if (links != null && !links.isEmpty()) {
      body.put("volumes_links", links);
    }
    if (count != null) {
      body.put("count", count);
    }
    return body;
  }

  /** Internal statuses shown as their public counterparts. */
  static String status(String status) {
    if (status == null) {
      return null;
    }
    if (VolumeStatus.MANAGING.is(status)) {
      return VolumeStatus.CREATING.wire();
    }
    if (VolumeStatus.ERROR_MANAGING.is(status)) {
      return VolumeStatus.ERROR.wire();
    }
    // error_managing_deleting: Cinder's volume/api.py writes it, objects/fields.py has no constant for it
    return "error_managing_deleting".equals(status) ? VolumeStatus.DELETING.wire() : status;
  }
}
