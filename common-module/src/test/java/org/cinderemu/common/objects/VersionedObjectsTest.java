package org.cinderemu.common.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The codec against the primitives a real Cinder put on the wire (reference/captured/messages). */
class VersionedObjectsTest {

  private static final Path CAPTURED = Path.of(System.getProperty("cemu.captured.messages",
      "/work/shared/reference/captured/messages"));

  private static JsonObject args(String file) throws IOException {
    JsonObject capture = new JsonObject(Files.readString(CAPTURED.resolve(file)));
    return capture.getJsonObject("oslo_message_decoded").getJsonObject("args");
  }

  @Test
  void volumeRoundTripsTheCapturedCreateVolumePrimitiveKeyForKey() throws IOException {
    JsonObject captured = args("01_api_to_scheduler_create_volume.json").getJsonObject("volume");

    JsonObject ours = VersionedObjects.toPrimitive(VersionedObjects.toVolume(captured));

    assertSameShape(ours, captured, "volume");
    assertThat(ours).isEqualTo(captured);
  }

  @Test
  void volumeRoundTripsAScheduledVolumeWithTimestampsAndServiceUuid() throws IOException {
    JsonObject deleting = args("14_api_to_volume_delete_volume.json").getJsonObject("volume");
    JsonObject backingUp = args("08_volume_to_backup_continue_backup.json").getJsonObject("backup_device")
        .getJsonObject(VersionedObjects.DATA).getJsonObject("volume");

    for (JsonObject captured : List.of(deleting, backingUp)) {
      Volume volume = VersionedObjects.toVolume(captured);
      JsonObject ours = VersionedObjects.toPrimitive(volume);
      assertSameShape(ours, captured, "volume");
      assertThat(ours).isEqualTo(captured);
    }
    Volume v = VersionedObjects.toVolume(deleting);
    assertThat(v.host()).isEqualTo("emu-lab@lvmdriver-1#lvmdriver-1");
    assertThat(v.scheduledAt()).isEqualTo(LocalDateTime.of(2026, 11, 25, 13, 7, 17));
    assertThat(v.volumeType().name()).isEqualTo("__DEFAULT__");
    assertThat(v.volumeType().projects()).isNull();
    assertThat(v.serviceTopicQueue()).isEqualTo("emu-lab@lvmdriver-1#lvmdriver-1");
  }

  @Test
  void aVolumeBuiltHereHasTheCapturedKeysOrderAndValueTypes() throws IOException {
    JsonObject captured = args("14_api_to_volume_delete_volume.json").getJsonObject("volume");
    LocalDateTime t = LocalDateTime.of(2030, 1, 2, 3, 4, 5, 678_000_000);
    Volume v = Volume.builder().id("v1").userId("u").projectId("p").host("h@b#p").size(3)
        .availabilityZone("nova").status("deleting").attachStatus("detached").scheduledAt(t).launchedAt(t)
        .terminatedAt(t).displayName("n").volumeTypeId("t1").previousStatus("available").serviceUuid("s")
        .sharedTargets(false).createdAt(t).updatedAt(t)
        .volumeType(VolumeType.builder().id("t1").name("lvm").description("d").createdAt(t).updatedAt(t).build())
        .build();

    JsonObject ours = VersionedObjects.toPrimitive(v, List.of("status"));

    assertSameShape(ours, captured, "volume");
    assertThat(ours.getJsonObject(VersionedObjects.DATA).getString("scheduled_at")).isEqualTo("2030-01-02T03:04:05Z");
    assertThat(ours.getJsonArray(VersionedObjects.CHANGES)).containsExactly("status");
    assertThat(VersionedObjects.changes(ours)).containsExactly("status");
  }

  @Test
  void primitivesWithoutChangesLeaveTheKeyOutAsTheCapturedOnesDo() throws IOException {
    JsonObject captured = args("01_api_to_scheduler_create_volume.json").getJsonObject("volume");
    assertThat(captured.containsKey(VersionedObjects.CHANGES)).isFalse();

    JsonObject ours = VersionedObjects.toPrimitive(VersionedObjects.toVolume(captured));

    assertThat(ours.fieldNames()).containsExactly(VersionedObjects.NAME, VersionedObjects.NAMESPACE,
        VersionedObjects.VERSION, VersionedObjects.DATA);
    assertThat(ours.getString(VersionedObjects.VERSION)).isEqualTo("1.9");
    assertThat(ours.getString(VersionedObjects.NAMESPACE)).isEqualTo("cinder");
  }

  @Test
  void volumeTypeWithProjectsRoundTripsAsInsideARequestSpec() throws IOException {
    JsonObject captured = args("01_api_to_scheduler_create_volume.json").getJsonObject("request_spec")
        .getJsonObject(VersionedObjects.DATA).getJsonObject("volume_type");

    VolumeType type = VersionedObjects.toVolumeType(captured);
    JsonObject ours = VersionedObjects.toPrimitive(type);

    assertThat(type.projects()).isEmpty();
    assertThat(type.description()).isEqualTo("Default Volume Type");
    assertSameShape(ours, captured, "volume_type");
    assertThat(ours).isEqualTo(captured);
  }

  @Test
  void typedVolumeCarriesItsExtraSpecs() throws IOException {
    JsonObject captured = args("19_scheduler_to_volume_create_volume_typed_new_lvm_backend.json")
        .getJsonObject("volume");

    Volume v = VersionedObjects.toVolume(captured);

    assertThat(v.volumeType().extraSpecs()).containsEntry("volume_backend_name", "new_lvm_backend");
    assertThat(VersionedObjects.toPrimitive(v)).isEqualTo(captured);
  }

  @Test
  void backupRoundTripsTheCapturedDeleteBackupPrimitive() throws IOException {
    JsonObject captured = args("13_api_to_backup_delete_backup.json").getJsonObject("backup");

    Backup backup = VersionedObjects.toBackup(captured);
    JsonObject ours = VersionedObjects.toPrimitive(backup);

    assertSameShape(ours, captured, "backup");
    assertThat(ours).isEqualTo(captured);
    assertThat(backup.objectCount()).isEqualTo(1);
    assertThat(backup.container()).isEqualTo("4b/77/4b77d14d-5ea8-4611-b990-5db5be35131e");
  }

  @Test
  void backupOfTheCreateFlowMatchesExceptForTheLazyParentObject() throws IOException {
    for (String file : List.of("06_scheduler_to_backup_create_backup.json",
        "08_volume_to_backup_continue_backup.json")) {
      JsonObject captured = args(file).getJsonObject("backup");
      // the create flow's object had its lazy 'parent' loaded (null); ours is the loaded-from-DB form
      JsonObject expected = captured.copy();
      assertThat(expected.getJsonObject(VersionedObjects.DATA).remove("parent")).isNull();

      JsonObject ours = VersionedObjects.toPrimitive(VersionedObjects.toBackup(captured));

      assertSameShape(ours, expected, file);
      assertThat(ours).isEqualTo(expected);
    }
  }

  @Test
  void serviceHasCindersFieldOrderAndLeavesOutAnUnsetId() {
    LocalDateTime t = LocalDateTime.of(2026, 11, 25, 13, 4, 58);
    Service s = Service.builder().id(3).host("emu-lab@lvmdriver-1").binary("cinder-volume").topic("cinder-volume")
        .reportCount(25).rpcCurrentVersion("3.18").objectCurrentVersion("1.39").replicationStatus("disabled")
        .uuid("c5354856-9e45-4766-bf97-97b617b05997").createdAt(t).updatedAt(t).build();

    JsonObject p = VersionedObjects.toPrimitive(s);

    assertThat(p.getString(VersionedObjects.NAME)).isEqualTo("Service");
    assertThat(p.getString(VersionedObjects.VERSION)).isEqualTo("1.6");
    assertThat(p.getJsonObject(VersionedObjects.DATA).fieldNames()).containsExactly("id", "host", "binary",
        "cluster_name", "topic", "report_count", "disabled", "availability_zone", "disabled_reason", "modified_at",
        "rpc_current_version", "object_current_version", "replication_status", "frozen", "active_backend_id",
        "uuid", "created_at", "updated_at", "deleted_at", "deleted");
    assertThat(p.getJsonObject(VersionedObjects.DATA).getString("updated_at")).isEqualTo("2026-11-25T13:04:58Z");
    assertThat(VersionedObjects.toService(p)).isEqualTo(s);
    assertThat(VersionedObjects.toPrimitive(s.toBuilder().id(null).build())
        .getJsonObject(VersionedObjects.DATA).containsKey("id")).isFalse();
  }

  @Test
  void wrongObjectNameIsRefused() throws IOException {
    JsonObject backup = args("13_api_to_backup_delete_backup.json").getJsonObject("backup");

    assertThatThrownBy(() -> VersionedObjects.toVolume(backup))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Volume").hasMessageContaining("Backup");
  }

  @Test
  void datetimesAreReadAsUtcInEveryFormOsloMightSend() {
    LocalDateTime expected = LocalDateTime.of(2026, 11, 25, 13, 7, 17);
    assertThat(VersionedObjects.parse("2026-11-25T13:07:17Z")).isEqualTo(expected);
    assertThat(VersionedObjects.parse("2026-11-25T14:07:17+01:00")).isEqualTo(expected);
    assertThat(VersionedObjects.parse("2026-11-25T13:07:17")).isEqualTo(expected);
    assertThat(VersionedObjects.parse("2026-11-25T13:07:17.027963Z")).isEqualTo(expected.withNano(27_963_000));
    assertThat(VersionedObjects.parse(null)).isNull();
    assertThat(VersionedObjects.format(expected.withNano(999_999_999))).isEqualTo("2026-11-25T13:07:17Z");
  }

  @Test
  void metadataKeepsItsOrder() {
    Volume v = Volume.builder().id("v").metadata(Map.of("a", "1")).build().toBuilder()
        .metadata(new java.util.LinkedHashMap<>(Map.of("z", "1"))).build();
    JsonObject data = VersionedObjects.toPrimitive(v).getJsonObject(VersionedObjects.DATA);
    assertThat(data.getJsonObject("metadata")).isEqualTo(new JsonObject().put("z", "1"));
  }

  /** Same keys in the same order, and the same JSON type wherever both sides have a value; recursive. */
  private static void assertSameShape(Object actual, Object expected, String path) {
    if (expected instanceof JsonObject e) {
      assertThat(actual).as(path).isInstanceOf(JsonObject.class);
      JsonObject a = (JsonObject) actual;
      List<String> expectedKeys = new ArrayList<>(e.fieldNames());
      List<String> actualKeys = new ArrayList<>(a.fieldNames());
      // 'changes' is about this one message, not about the shape of the object
      expectedKeys.remove(VersionedObjects.CHANGES);
      actualKeys.remove(VersionedObjects.CHANGES);
      assertThat(actualKeys).as(path + " keys").containsExactlyElementsOf(expectedKeys);
      for (String k : expectedKeys) {
        assertSameShape(a.getValue(k), e.getValue(k), path + "." + k);
      }
    } else if (expected instanceof JsonArray e) {
      assertThat(actual).as(path).isInstanceOf(JsonArray.class);
      if (!e.isEmpty() && !((JsonArray) actual).isEmpty()) {
        assertSameShape(((JsonArray) actual).getValue(0), e.getValue(0), path + "[0]");
      }
    } else if (expected != null && actual != null) {
      assertThat(jsonType(actual)).as(path + " type").isEqualTo(jsonType(expected));
    }
  }

  private static String jsonType(Object v) {
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof CharSequence) {
      return "string";
    }
    return v.getClass().getSimpleName();
  }
}
