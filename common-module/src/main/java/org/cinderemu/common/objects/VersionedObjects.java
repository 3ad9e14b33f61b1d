package org.cinderemu.common.objects;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * oslo.versionedobjects primitives for Cinder's objects (docs/cinder-reference.md §3.5): {@code versioned_object.name},
 * {@code .namespace} ("cinder"), {@code .version}, {@code .data} and, when something changed,
 * {@code .changes}. Data keys come in the order Cinder's objects declare their fields, as the captured
 * messages show, so a Python peer sees what a real Cinder would send.
 */
public final class VersionedObjects {

  public static final String NAME = "versioned_object.name";
  public static final String NAMESPACE = "versioned_object.namespace";
  public static final String VERSION = "versioned_object.version";
  public static final String DATA = "versioned_object.data";
  public static final String CHANGES = "versioned_object.changes";
  public static final String CINDER = "cinder";

  public static final String VOLUME_VERSION = "1.9";
  public static final String VOLUME_TYPE_VERSION = "1.3";
  public static final String BACKUP_VERSION = "1.7";
  public static final String SERVICE_VERSION = "1.6";
  public static final String VOLUME_ATTACHMENT_LIST_VERSION = "1.1";

  // oslo's DateTimeField.to_primitive: UTC, whole seconds, literal Z
  private static final DateTimeFormatter WIRE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

  private VersionedObjects() {
  }

  /** A primitive envelope; {@code changes} null or empty leaves the key out, as oslo does. */
  public static JsonObject primitive(String name, String version, JsonObject data, Collection<String> changes) {
    JsonObject p = new JsonObject()
        .put(NAME, name)
        .put(NAMESPACE, CINDER)
        .put(VERSION, version)
        .put(DATA, data);
    if (changes != null && !changes.isEmpty()) {
      p.put(CHANGES, new JsonArray(new ArrayList<>(changes)));
    }
    return p;
  }

  /** The data of a primitive that must be a {@code expectedName}; IllegalArgumentException otherwise. */
  public static JsonObject data(JsonObject primitive, String expectedName) {
    if (primitive == null) {
      throw new IllegalArgumentException("expected a " + expectedName + " primitive, got null");
    }
    String name = primitive.getString(NAME);
    if (!expectedName.equals(name)) {
      throw new IllegalArgumentException("expected a " + expectedName + " primitive, got " + name);
    }
    JsonObject data = primitive.getJsonObject(DATA);
    return data == null ? new JsonObject() : data;
  }

  /** The {@code versioned_object.changes} list, empty when absent. */
  public static List<String> changes(JsonObject primitive) {
    JsonArray changes = primitive.getJsonArray(CHANGES);
    List<String> result = new ArrayList<>();
    if (changes != null) {
      changes.forEach(c -> result.add(String.valueOf(c)));
    }
    return result;
  }

  // ---- Volume 1.9 ----

  public static JsonObject toPrimitive(Volume v) {
    return toPrimitive(v, null);
  }

  public static JsonObject toPrimitive(Volume v, Collection<String> changes) {
    JsonObject d = new JsonObject()
        .put("id", v.id())
        .put("_name_id", v.nameId())
        .put("ec2_id", v.ec2Id())
        .put("user_id", v.userId())
        .put("project_id", v.projectId())
        .put("use_quota", v.useQuota())
        .put("snapshot_id", v.snapshotId())
        .put("cluster_name", v.clusterName())
        .put("host", v.host())
        .put("size", v.size())
        .put("availability_zone", v.availabilityZone())
        .put("status", v.status())
        .put("attach_status", v.attachStatus())
        .put("migration_status", v.migrationStatus())
        .put("scheduled_at", format(v.scheduledAt()))
        .put("launched_at", format(v.launchedAt()))
        .put("terminated_at", format(v.terminatedAt()))
        .put("display_name", v.displayName())
        .put("display_description", v.displayDescription())
        .put("provider_id", v.providerId())
        .put("provider_location", v.providerLocation())
        .put("provider_auth", v.providerAuth())
        .put("provider_geometry", v.providerGeometry())
        .put("volume_type_id", v.volumeTypeId())
        .put("source_volid", v.sourceVolid())
        .put("encryption_key_id", v.encryptionKeyId())
        .put("consistencygroup_id", v.consistencygroupId())
        .put("group_id", v.groupId())
        .put("deleted", v.deleted())
        .put("bootable", v.bootable())
        .put("multiattach", v.multiattach())
        .put("replication_status", v.replicationStatus())
        .put("replication_extended_status", v.replicationExtendedStatus())
        .put("replication_driver_data", v.replicationDriverData())
        .put("previous_status", v.previousStatus())
        .put("metadata", new JsonObject(new LinkedHashMap<String, Object>(v.metadata())))
        .put("admin_metadata", new JsonObject(new LinkedHashMap<String, Object>(v.adminMetadata())))
        .put("volume_type", v.volumeType() == null ? null : toPrimitive(v.volumeType()))
        .put("volume_attachment", primitive("VolumeAttachmentList", VOLUME_ATTACHMENT_LIST_VERSION,
            new JsonObject().put("objects", new JsonArray()), null))
        .put("service_uuid", v.serviceUuid())
        .put("shared_targets", v.sharedTargets())
        .put("created_at", format(v.createdAt()))
        .put("updated_at", format(v.updatedAt()))
        .put("deleted_at", format(v.deletedAt()));
    return primitive("Volume", VOLUME_VERSION, d, changes);
  }

  public static Volume toVolume(JsonObject primitive) {
    JsonObject d = data(primitive, "Volume");
    JsonObject type = d.getJsonObject("volume_type");
    return Volume.builder()
        .id(d.getString("id"))
        .nameId(d.getString("_name_id"))
        .ec2Id(string(d, "ec2_id"))
        .userId(d.getString("user_id"))
        .projectId(d.getString("project_id"))
        .useQuota(d.getBoolean("use_quota", true))
        .snapshotId(d.getString("snapshot_id"))
        .clusterName(d.getString("cluster_name"))
        .host(d.getString("host"))
        .size(d.getInteger("size"))
        .availabilityZone(d.getString("availability_zone"))
        .status(d.getString("status"))
        .attachStatus(d.getString("attach_status"))
        .migrationStatus(d.getString("migration_status"))
        .scheduledAt(parse(d.getString("scheduled_at")))
        .launchedAt(parse(d.getString("launched_at")))
        .terminatedAt(parse(d.getString("terminated_at")))
        .displayName(d.getString("display_name"))
        .displayDescription(d.getString("display_description"))
        .providerId(d.getString("provider_id"))
        .providerLocation(d.getString("provider_location"))
        .providerAuth(d.getString("provider_auth"))
        .providerGeometry(d.getString("provider_geometry"))
        .volumeTypeId(d.getString("volume_type_id"))
        .sourceVolid(d.getString("source_volid"))
        .encryptionKeyId(d.getString("encryption_key_id"))
        .consistencygroupId(d.getString("consistencygroup_id"))
        .groupId(d.getString("group_id"))
        .deleted(d.getBoolean("deleted", false))
        .bootable(d.getBoolean("bootable", false))
        .multiattach(d.getBoolean("multiattach", false))
        .replicationStatus(d.getString("replication_status"))
        .replicationExtendedStatus(d.getString("replication_extended_status"))
        .replicationDriverData(d.getString("replication_driver_data"))
        .previousStatus(d.getString("previous_status"))
        .metadata(strings(d.getJsonObject("metadata")))
        .adminMetadata(strings(d.getJsonObject("admin_metadata")))
        .volumeType(type == null ? null : toVolumeType(type))
        .serviceUuid(d.getString("service_uuid"))
        .sharedTargets(d.getBoolean("shared_targets", true))
        .createdAt(parse(d.getString("created_at")))
        .updatedAt(parse(d.getString("updated_at")))
        .deletedAt(parse(d.getString("deleted_at")))
        .build();
  }

  // ---- VolumeType 1.3 ----

  /** {@code projects} is written only when the record carries it (see {@link VolumeType}). */
  public static JsonObject toPrimitive(VolumeType t) {
    return toPrimitive(t, null);
  }

  public static JsonObject toPrimitive(VolumeType t, Collection<String> changes) {
    JsonObject d = new JsonObject()
        .put("id", t.id())
        .put("name", t.name())
        .put("description", t.description())
        .put("is_public", t.isPublic());
    if (t.projects() != null) {
      d.put("projects", new JsonArray(new ArrayList<>(t.projects())));
    }
    d.put("extra_specs", new JsonObject(new LinkedHashMap<String, Object>(t.extraSpecs())))
        .put("qos_specs_id", t.qosSpecsId())
        .put("created_at", format(t.createdAt()))
        .put("updated_at", format(t.updatedAt()))
        .put("deleted_at", format(t.deletedAt()))
        .put("deleted", t.deleted());
    return primitive("VolumeType", VOLUME_TYPE_VERSION, d, changes);
  }

  public static VolumeType toVolumeType(JsonObject primitive) {
    JsonObject d = data(primitive, "VolumeType");
    JsonArray projects = d.getJsonArray("projects");
    List<String> projectList = null;
    if (projects != null) {
      projectList = new ArrayList<>();
      for (Object p : projects) {
        projectList.add(String.valueOf(p));
      }
    }
    return VolumeType.builder()
        .id(d.getString("id"))
        .name(d.getString("name"))
        .description(d.getString("description"))
        .isPublic(d.getBoolean("is_public", true))
        .projects(projectList)
        .extraSpecs(strings(d.getJsonObject("extra_specs")))
        .qosSpecsId(d.getString("qos_specs_id"))
        .createdAt(parse(d.getString("created_at")))
        .updatedAt(parse(d.getString("updated_at")))
        .deletedAt(parse(d.getString("deleted_at")))
        .deleted(d.getBoolean("deleted", false))
        .build();
  }

  // ---- Backup 1.7 ----

  /** Written as a backup loaded from the database is: without the lazy {@code parent} object. */
  public static JsonObject toPrimitive(Backup b) {
    return toPrimitive(b, null);
  }

  public static JsonObject toPrimitive(Backup b, Collection<String> changes) {
    JsonObject d = new JsonObject()
        .put("id", b.id())
        .put("user_id", b.userId())
        .put("project_id", b.projectId())
        .put("volume_id", b.volumeId())
        .put("host", b.host())
        .put("availability_zone", b.availabilityZone())
        .put("container", b.container())
        .put("parent_id", b.parentId())
        .put("status", b.status())
        .put("fail_reason", b.failReason())
        .put("size", b.size())
        .put("display_name", b.displayName())
        .put("display_description", b.displayDescription())
        .put("service_metadata", b.serviceMetadata())
        .put("service", b.service())
        .put("object_count", b.objectCount())
        .put("temp_volume_id", b.tempVolumeId())
        .put("temp_snapshot_id", b.tempSnapshotId())
        .put("num_dependent_backups", b.numDependentBackups())
        .put("snapshot_id", b.snapshotId())
        .put("data_timestamp", format(b.dataTimestamp()))
        .put("restore_volume_id", b.restoreVolumeId())
        .put("metadata", new JsonObject(new LinkedHashMap<String, Object>(b.metadata())))
        .put("encryption_key_id", b.encryptionKeyId())
        .put("created_at", format(b.createdAt()))
        .put("updated_at", format(b.updatedAt()))
        .put("deleted_at", format(b.deletedAt()))
        .put("deleted", b.deleted());
    return primitive("Backup", BACKUP_VERSION, d, changes);
  }

  public static Backup toBackup(JsonObject primitive) {
    JsonObject d = data(primitive, "Backup");
    return Backup.builder()
        .id(d.getString("id"))
        .userId(d.getString("user_id"))
        .projectId(d.getString("project_id"))
        .volumeId(d.getString("volume_id"))
        .host(d.getString("host"))
        .availabilityZone(d.getString("availability_zone"))
        .container(d.getString("container"))
        .parentId(d.getString("parent_id"))
        .status(d.getString("status"))
        .failReason(d.getString("fail_reason"))
        .size(d.getInteger("size"))
        .displayName(d.getString("display_name"))
        .displayDescription(d.getString("display_description"))
        .serviceMetadata(d.getString("service_metadata"))
        .service(d.getString("service"))
        .objectCount(d.getInteger("object_count", 0))
        .tempVolumeId(d.getString("temp_volume_id"))
        .tempSnapshotId(d.getString("temp_snapshot_id"))
        .numDependentBackups(d.getInteger("num_dependent_backups", 0))
        .snapshotId(d.getString("snapshot_id"))
        .dataTimestamp(parse(d.getString("data_timestamp")))
        .restoreVolumeId(d.getString("restore_volume_id"))
        .metadata(strings(d.getJsonObject("metadata")))
        .encryptionKeyId(d.getString("encryption_key_id"))
        .createdAt(parse(d.getString("created_at")))
        .updatedAt(parse(d.getString("updated_at")))
        .deletedAt(parse(d.getString("deleted_at")))
        .deleted(d.getBoolean("deleted", false))
        .build();
  }

  // ---- Service 1.6 ----

  /** {@code id} is left out until the row exists, as oslo leaves out unset fields. */
  public static JsonObject toPrimitive(Service s) {
    return toPrimitive(s, null);
  }

  public static JsonObject toPrimitive(Service s, Collection<String> changes) {
    JsonObject d = new JsonObject();
    if (s.id() != null) {
      d.put("id", s.id());
    }
    d.put("host", s.host())
        .put("binary", s.binary())
        .put("cluster_name", s.clusterName())
        .put("topic", s.topic())
        .put("report_count", s.reportCount())
        .put("disabled", s.disabled())
        .put("availability_zone", s.availabilityZone())
        .put("disabled_reason", s.disabledReason())
        .put("modified_at", format(s.modifiedAt()))
        .put("rpc_current_version", s.rpcCurrentVersion())
        .put("object_current_version", s.objectCurrentVersion())
        .put("replication_status", s.replicationStatus())
        .put("frozen", s.frozen())
        .put("active_backend_id", s.activeBackendId())
        .put("uuid", s.uuid())
        .put("created_at", format(s.createdAt()))
        .put("updated_at", format(s.updatedAt()))
        .put("deleted_at", format(s.deletedAt()))
        .put("deleted", s.deleted());
    return primitive("Service", SERVICE_VERSION, d, changes);
  }

  public static Service toService(JsonObject primitive) {
    JsonObject d = data(primitive, "Service");
    return Service.builder()
        .id(d.getInteger("id"))
        .host(d.getString("host"))
        .binary(d.getString("binary"))
        .clusterName(d.getString("cluster_name"))
        .topic(d.getString("topic"))
        .reportCount(d.getInteger("report_count", 0))
        .disabled(d.getBoolean("disabled", false))
        .availabilityZone(d.getString("availability_zone"))
        .disabledReason(d.getString("disabled_reason"))
        .modifiedAt(parse(d.getString("modified_at")))
        .rpcCurrentVersion(d.getString("rpc_current_version"))
        .objectCurrentVersion(d.getString("object_current_version"))
        .replicationStatus(d.getString("replication_status"))
        .frozen(d.getBoolean("frozen", false))
        .activeBackendId(d.getString("active_backend_id"))
        .uuid(d.getString("uuid"))
        .createdAt(parse(d.getString("created_at")))
        .updatedAt(parse(d.getString("updated_at")))
        .deletedAt(parse(d.getString("deleted_at")))
        .deleted(d.getBoolean("deleted", false))
        .build();
  }

  // ---- datetimes ----

  /** {@code YYYY-MM-DDTHH:MM:SSZ}, the form oslo gives datetime fields; null stays null. */
  public static String format(LocalDateTime utc) {
    return utc == null ? null : WIRE_TIME.format(utc.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Reads a primitive's datetime as UTC: the {@code Z} form, an explicit offset, or a naive ISO string
   * (which oslo would also take as UTC), with or without a fraction.
   */
  public static LocalDateTime parse(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    } catch (DateTimeParseException noOffset) {
      return LocalDateTime.parse(value);
    }
  }

  private static Map<String, String> strings(JsonObject o) {
    Map<String, String> result = new LinkedHashMap<>();
    if (o != null) {
      o.forEach(e -> result.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue())));
    }
    return result;
  }

  private static String string(JsonObject d, String key) {
    Object v = d.getValue(key);
    return v == null ? null : String.valueOf(v);
  }
}
