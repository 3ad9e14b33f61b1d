package org.cinderemu.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.api.views.BackupView;
import org.cinderemu.common.objects.Backup;
import org.junit.jupiter.api.Test;

/** docs/cinder-reference.md §8.6: the backup detail fields, their order and the microversion additions. */
class BackupViewTest {

  private static final LocalDateTime CREATED = LocalDateTime.of(2026, 11, 25, 13, 7, 20, 137_000);
  private static final JsonArray LINKS = new JsonArray().add(new JsonObject().put("rel", "self"));

  private static Backup backup() {
    return Backup.builder()
        .id("4b77d14d-5ea8-4611-b990-5db5be35131e")
        .userId("alice")
        .projectId("p1")
        .volumeId("48244dcc-0662-410b-9124-77aa7fd73d45")
        .host("emu-lab")
        .container("4b/77")
        .parentId("11111111-2222-3333-4444-555555555555")
        .status("available")
        .size(2)
        .displayName("bk")
        .objectCount(3)
        .numDependentBackups(1)
        .dataTimestamp(CREATED)
        .metadata(Map.of("k", "v"))
        .encryptionKeyId("00000000-0000-0000-0000-000000000000")
        .createdAt(CREATED)
        .build();
  }

  private static List<String> keys(JsonObject o) {
    return new ArrayList<>(o.fieldNames());
  }

  @Test
  void baseDetailHasCindersKeysInItsOrder() {
    JsonObject d = BackupView.detail(backup(), LINKS, ApiVersion.MIN, true);
    assertThat(keys(d)).containsExactly("id", "status", "size", "object_count", "availability_zone", "container",
        "created_at", "updated_at", "name", "description", "fail_reason", "volume_id", "links", "is_incremental",
        "has_dependent_backups", "snapshot_id", "data_timestamp");
    assertThat(d.getString("created_at")).isEqualTo("2026-11-25T13:07:20.000137");
    assertThat(d.getValue("updated_at")).isNull();
    assertThat(d.getBoolean("is_incremental")).isTrue();
    assertThat(d.getBoolean("has_dependent_backups")).isTrue();
    assertThat(d.getInteger("object_count")).isEqualTo(3);
    assertThat(d.getString("name")).isEqualTo("bk");
    assertThat(d.getJsonArray("links")).isEqualTo(LINKS);
  }

  @Test
  void microversionsAddProjectMetadataAndUser() {
    assertThat(keys(BackupView.detail(backup(), LINKS, ApiVersion.parse("3.18"), true)))
        .endsWith("data_timestamp", "os-backup-project-attr:project_id");
    JsonObject latest = BackupView.detail(backup(), LINKS, ApiVersion.MAX, true);
    assertThat(keys(latest)).endsWith("data_timestamp", "metadata", "os-backup-project-attr:project_id",
        "user_id");
    assertThat(latest.getJsonObject("metadata")).isEqualTo(new JsonObject().put("k", "v"));
    assertThat(latest.getString("os-backup-project-attr:project_id")).isEqualTo("p1");
    assertThat(latest.getString("user_id")).isEqualTo("alice");
    // the fixed placeholder key is never shown
    assertThat(latest.containsKey("encryption_key_id")).isFalse();
  }

  @Test
  void encryptionKeyFrom364AndAttributesOnlyForAdmins() {
    Backup encrypted = backup().toBuilder().encryptionKeyId("abc").parentId(null).numDependentBackups(0).build();
    assertThat(BackupView.detail(encrypted, LINKS, ApiVersion.parse("3.64"), true).getString("encryption_key_id"))
        .isEqualTo("abc");
    assertThat(BackupView.detail(encrypted, LINKS, ApiVersion.parse("3.63"), true).containsKey("encryption_key_id"))
        .isFalse();
    JsonObject nonAdmin = BackupView.detail(encrypted, LINKS, ApiVersion.MAX, false);
    assertThat(nonAdmin.containsKey("os-backup-project-attr:project_id")).isFalse();
    assertThat(nonAdmin.containsKey("user_id")).isFalse();
    assertThat(nonAdmin.getBoolean("is_incremental")).isFalse();
    assertThat(nonAdmin.getBoolean("has_dependent_backups")).isFalse();
  }

  @Test
  void summaryListAndRestoreShapes() {
    assertThat(keys(BackupView.summary(backup(), LINKS))).containsExactly("id", "name", "links");
    JsonObject empty = BackupView.list(new JsonArray(), new JsonArray(), null);
    assertThat(keys(empty)).containsExactly("backups");
    JsonObject full = BackupView.list(new JsonArray().add(1), new JsonArray().add("next"), 7);
    assertThat(keys(full)).containsExactly("backups", "backups_links", "count");
    assertThat(BackupView.restore("b", "v", "n")).isEqualTo(new JsonObject().put("restore",
        new JsonObject().put("backup_id", "b").put("volume_id", "v").put("volume_name", "n")));
  }
}
