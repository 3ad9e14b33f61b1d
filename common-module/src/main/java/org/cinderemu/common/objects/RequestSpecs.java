package org.cinderemu.common.objects;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code request_spec} arguments the API sends to the scheduler (docs/cinder-reference.md §3.5, §4.3): the
 * RequestSpec 1.5 primitive of {@code create_volume}, key for key as captured message 01 shows it, and the plain dict
 * ({@code jsonutils.to_primitive}) that {@code extend_volume} and {@code migrate_volume} carry.
 */
public final class RequestSpecs {

  public static final String REQUEST_SPEC_VERSION = "1.5";
  public static final String VOLUME_PROPERTIES_VERSION = "1.1";

  // the set-iteration orders a real Cinder 21 produced (captured message 01); Python sets, so only the
  // contents matter to a receiver, but a byte-faithful peer sees the same list
  private static final List<String> REQUEST_SPEC_CHANGES = List.of("image_id", "source_volid", "snapshot_id",
      "consistencygroup_id", "group_id", "volume_properties", "volume_type", "volume", "availability_zones",
      "backup_id", "volume_id", "cgsnapshot_id");
  private static final List<String> VOLUME_PROPERTIES_CHANGES = List.of("multiattach", "availability_zone",
      "size", "consistencygroup_id", "reservations", "display_name", "source_volid", "metadata", "user_id",
      "snapshot_id", "group_id", "project_id", "display_description", "volume_type_id", "cgsnapshot_id",
      "attach_status", "encryption_key_id", "qos_specs", "status");

  // oslo.serialization's to_primitive writes datetimes with timeutils.PERFECT_TIME_FORMAT
  private static final DateTimeFormatter PERFECT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private RequestSpecs() {
  }

  /**
   * The RequestSpec of a new volume ({@code create_volume} cast to the scheduler).
   *
   * @param volume the row as inserted (status {@code creating}, no host)
   * @param type the volume's type; nested with its {@code projects} (empty when not known), as Cinder does
   * @param availabilityZones the zones the scheduler may choose from (usually the one requested)
   */
  public static JsonObject forVolume(Volume volume, VolumeType type, List<String> availabilityZones) {
    return forVolume(volume, type, availabilityZones, null);
  }

  /**
   * The RequestSpec of a new volume restored from a backup (3.47): as {@link #forVolume(Volume, VolumeType,
   * List)}, with {@code backup_id} set so that the volume service asks the backup service to restore.
   *
   * @param backupId the source backup, or null for an empty volume
   */
  public static JsonObject forVolume(Volume volume, VolumeType type, List<String> availabilityZones,
      String backupId) {
    VolumeType typeWithProjects = type == null ? null
        : type.projects() != null ? type : type.withProjects(List.of());
    JsonObject data = new JsonObject()
        .put("consistencygroup_id", volume.consistencygroupId())
        .put("group_id", volume.groupId())
        .put("cgsnapshot_id", null)
        .put("image_id", null)
        .put("snapshot_id", volume.snapshotId())
        .put("source_volid", volume.sourceVolid())
        .put("volume_id", volume.id())
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("volume_type", typeWithProjects == null ? null : VersionedObjects.toPrimitive(typeWithProjects))
        .put("volume_properties", volumeProperties(volume, type))
        .put("backup_id", backupId)
        .put("availability_zones", new JsonArray(new ArrayList<>(availabilityZones == null ? List.of()
            : availabilityZones)));
    return VersionedObjects.primitive("RequestSpec", REQUEST_SPEC_VERSION, data, REQUEST_SPEC_CHANGES);
  }

  /**
   * VolumeProperties 1.1 of a new volume. {@code reservations} is empty: the emulator's API commits quota
   * before casting (as Cinder's QuotaCommitTask does), so there are no reservation ids left to pass on.
   */
  public static JsonObject volumeProperties(Volume volume, VolumeType type) {
    JsonObject data = new JsonObject()
        .put("attach_status", volume.attachStatus())
        .put("availability_zone", volume.availabilityZone())
        .put("cgsnapshot_id", null)
        .put("consistencygroup_id", volume.consistencygroupId())
        .put("group_id", volume.groupId())
        .put("display_description", volume.displayDescription())
        .put("display_name", volume.displayName())
        .put("encryption_key_id", volume.encryptionKeyId())
        .put("metadata", new JsonObject(new LinkedHashMap<String, Object>(volume.metadata())))
        .put("multiattach", volume.multiattach())
        .put("project_id", volume.projectId())
        .put("qos_specs", null)
        .put("reservations", new JsonArray())
        .put("size", volume.size())
        .put("snapshot_id", volume.snapshotId())
        .put("source_volid", volume.sourceVolid())
        .put("status", volume.status())
        .put("user_id", volume.userId())
        .put("volume_type_id", type != null ? type.id() : volume.volumeTypeId());
    return VersionedObjects.primitive("VolumeProperties", VOLUME_PROPERTIES_VERSION, data,
        VOLUME_PROPERTIES_CHANGES);
  }

  /**
   * The plain-dict request_spec of {@code extend_volume} and {@code migrate_volume}: Cinder builds
   * {@code {'volume_properties': volume, 'volume_type': type, 'volume_id': id}} and flattens it with
   * {@code jsonutils.to_primitive}, so the volume becomes a dict of its fields, not a versioned envelope.
   */
  public static JsonObject asDict(Volume volume, VolumeType type) {
    return new JsonObject()
        .put("volume_properties", volumeDict(volume))
        .put("volume_type", type == null ? null : typeDict(type))
        .put("volume_id", volume.id());
  }

  /** A volume as {@code to_primitive} flattens a Volume object: its fields, then the extra fields. */
  public static JsonObject volumeDict(Volume volume) {
    JsonObject primitiveData = VersionedObjects.toPrimitive(volume).getJsonObject(VersionedObjects.DATA);
    JsonObject d = new JsonObject();
    for (Map.Entry<String, Object> e : primitiveData) {
      d.put(e.getKey(), e.getValue());
    }
    d.put("scheduled_at", time(volume.scheduledAt()))
        .put("launched_at", time(volume.launchedAt()))
        .put("terminated_at", time(volume.terminatedAt()))
        .put("volume_type", volume.volumeType() == null ? null : typeDict(volume.volumeType()))
        .put("volume_attachment", new JsonArray())
        .put("created_at", time(volume.createdAt()))
        .put("updated_at", time(volume.updatedAt()))
        .put("deleted_at", time(volume.deletedAt()))
        .put("name", volume.name())
        .put("name_id", volume.nameId() != null ? volume.nameId() : volume.id());
    return d;
  }

  /** A volume type as Cinder's {@code volume_types.get_volume_type} returns it (a dict with extra_specs). */
  public static JsonObject typeDict(VolumeType type) {
    return new JsonObject()
        .put("created_at", time(type.createdAt()))
        .put("updated_at", time(type.updatedAt()))
        .put("deleted_at", time(type.deletedAt()))
        .put("deleted", type.deleted())
        .put("id", type.id())
        .put("name", type.name())
        .put("description", type.description())
        .put("is_public", type.isPublic())
        .put("qos_specs_id", type.qosSpecsId())
        .put("extra_specs", new JsonObject(new LinkedHashMap<String, Object>(type.extraSpecs())))
        .put("projects", new JsonArray(new ArrayList<>(type.projects() == null ? List.of() : type.projects())));
  }

  private static String time(LocalDateTime t) {
    return t == null ? null : PERFECT_TIME.format(t);
  }
}
