package org.cinderemu.common.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.testing.Captured;
import org.junit.jupiter.api.Test;

/** The request_spec the API sends, against captured message 01 (create_volume, API → scheduler). */
class RequestSpecsTest {

  private static JsonObject capturedArgs() throws IOException {
    return Captured.message("01_").getJsonObject("oslo_message_decoded").getJsonObject("args");
  }

  @Test
  void rebuildsTheCapturedRequestSpecFromItsVolumeAndType() throws IOException {
    JsonObject args = capturedArgs();
    JsonObject captured = args.getJsonObject("request_spec");
    Volume volume = VersionedObjects.toVolume(args.getJsonObject("volume"));
    VolumeType type = VersionedObjects.toVolumeType(captured.getJsonObject(VersionedObjects.DATA)
        .getJsonObject("volume_type"));

    JsonObject ours = RequestSpecs.forVolume(volume, type, List.of("nova"));

    assertSameShape(ours, captured, "request_spec");
    // the only value that differs: Cinder's reservation ids, which the emulator does not have
    JsonObject expected = captured.copy();
    expected.getJsonObject(VersionedObjects.DATA).getJsonObject("volume_properties")
        .getJsonObject(VersionedObjects.DATA).put("reservations", new JsonArray());
    assertThat(ours).isEqualTo(expected);
  }

  @Test
  void aFreshVolumeWithoutProjectsOnItsTypeGetsTheCapturedStructure() throws IOException {
    LocalDateTime t = LocalDateTime.of(2030, 1, 2, 3, 4, 5);
    VolumeType type = VolumeType.builder().id("t1").name("lvm").description("d").extraSpecs(
        Map.of("volume_backend_name", "lvm")).createdAt(t).build();
    Volume volume = Volume.builder().id("v1").userId("u").projectId("p").size(2).availabilityZone("az1")
        .status("creating").displayName("n").volumeTypeId("t1").volumeType(type).metadata(Map.of("k", "v"))
        .createdAt(t).build();

    JsonObject ours = RequestSpecs.forVolume(volume, type, List.of("az1"));

    assertSameShape(ours, capturedArgs().getJsonObject("request_spec"), "request_spec");
    JsonObject data = ours.getJsonObject(VersionedObjects.DATA);
    assertThat(data.getJsonArray("availability_zones")).containsExactly("az1");
    assertThat(data.getJsonObject("volume_type").getJsonObject(VersionedObjects.DATA).getJsonArray("projects"))
        .isEmpty();
    // inside the volume the type travels without projects, as Cinder nests it
    assertThat(data.getJsonObject("volume").getJsonObject(VersionedObjects.DATA).getJsonObject("volume_type")
        .getJsonObject(VersionedObjects.DATA).containsKey("projects")).isFalse();
    JsonObject props = data.getJsonObject("volume_properties").getJsonObject(VersionedObjects.DATA);
    assertThat(props.getInteger("size")).isEqualTo(2);
    assertThat(props.getJsonObject("metadata").getString("k")).isEqualTo("v");
    assertThat(props.getString("volume_type_id")).isEqualTo("t1");
    assertThat(data.containsKey("backup_id")).isTrue();
    assertThat(data.getValue("backup_id")).isNull();
  }

  @Test
  void aVolumeFromABackupNamesItInTheSameStructure() {
    Volume volume = Volume.builder().id("v1").userId("u").projectId("p").size(1).status("creating").build();

    JsonObject ours = RequestSpecs.forVolume(volume, null, List.of("nova"), "b-1");

    JsonObject plain = RequestSpecs.forVolume(volume, null, List.of("nova"));
    assertThat(new ArrayList<>(ours.getJsonObject(VersionedObjects.DATA).fieldNames()))
        .containsExactlyElementsOf(plain.getJsonObject(VersionedObjects.DATA).fieldNames());
    assertThat(ours.getJsonObject(VersionedObjects.DATA).getString("backup_id")).isEqualTo("b-1");
    plain.getJsonObject(VersionedObjects.DATA).put("backup_id", "b-1");
    assertThat(ours).isEqualTo(plain);
  }

  @Test
  void thePlainDictFlattensTheVolumeForExtendAndMigrate() {
    LocalDateTime t = LocalDateTime.of(2030, 1, 2, 3, 4, 5);
    VolumeType type = VolumeType.builder().id("t1").name("lvm").extraSpecs(Map.of("a", "b")).build();
    Volume volume = Volume.builder().id("v1").size(2).host("h@b#p").status("extending").volumeTypeId("t1")
        .volumeType(type).createdAt(t).build();

    JsonObject dict = RequestSpecs.asDict(volume, type);

    assertThat(new ArrayList<>(dict.fieldNames())).containsExactly("volume_properties", "volume_type",
        "volume_id");
    JsonObject props = dict.getJsonObject("volume_properties");
    assertThat(props.containsKey(VersionedObjects.NAME)).isFalse();
    assertThat(props.getInteger("size")).isEqualTo(2);
    assertThat(props.getString("host")).isEqualTo("h@b#p");
    assertThat(props.getString("created_at")).isEqualTo("2030-01-02T03:04:05.000000");
    assertThat(props.getJsonObject("volume_type").getJsonObject("extra_specs").getString("a")).isEqualTo("b");
    assertThat(props.getString("name")).isEqualTo("volume-v1");
    assertThat(dict.getJsonObject("volume_type").getString("id")).isEqualTo("t1");
  }

  // free-form maps: their keys are data, not structure
  private static final java.util.Set<String> FREE_FORM = java.util.Set.of("metadata", "admin_metadata", "extra_specs");

  /** Same keys in the same order at every object level; arrays of objects compared element-wise. */
  static void assertSameShape(Object ours, Object captured, String path) {
    if (captured instanceof JsonObject c) {
      assertThat(ours).as(path).isInstanceOf(JsonObject.class);
      JsonObject o = (JsonObject) ours;
      assertThat(new ArrayList<>(o.fieldNames())).as(path + " keys").containsExactlyElementsOf(c.fieldNames());
      for (String key : c.fieldNames()) {
        if (c.getValue(key) != null && o.getValue(key) != null && !FREE_FORM.contains(key)) {
          assertSameShape(o.getValue(key), c.getValue(key), path + "." + key);
        }
      }
    } else if (captured instanceof JsonArray c && !c.isEmpty() && c.getValue(0) instanceof JsonObject) {
      assertThat(ours).as(path).isInstanceOf(JsonArray.class);
      assertThat(((JsonArray) ours).size()).as(path + " size").isEqualTo(c.size());
    } else if (captured != null && ours != null) {
      assertThat(ours.getClass().getSimpleName()).as(path + " type")
          .isEqualTo(captured.getClass().getSimpleName());
    }
  }
}
