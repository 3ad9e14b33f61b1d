package org.cinderemu.common.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The messages and topology captured from a real Cinder 21 (copied from shared/reference/captured
 * into the test resources, so the fidelity tests run from a clean clone).
 */
public final class Captured {

  private static final List<String> MESSAGES = List.of(
      "01_api_to_scheduler_create_volume", "02_scheduler_to_volume_create_volume",
      "03_api_to_scheduler_get_pools_CALL", "04_scheduler_get_pools_REPLY", "05_api_to_scheduler_create_backup",
      "06_scheduler_to_backup_create_backup", "07_backup_to_volume_get_backup_device",
      "08_volume_to_backup_continue_backup", "09_backup_to_volume_initialize_connection_CALL",
      "10_volume_initialize_connection_REPLY", "11_backup_to_volume_terminate_connection_CALL",
      "12_backup_to_volume_remove_export_CALL", "13_api_to_backup_delete_backup", "14_api_to_volume_delete_volume",
      "15_backup_update_service_capabilities_FANOUT", "16_notify_service_capabilities_cast",
      "17_api_to_volume_get_log_levels_CALL", "18_volume_get_log_levels_REPLY",
      "19_scheduler_to_volume_create_volume_typed_new_lvm_backend", "20_volume_update_service_capabilities_FANOUT",
      "21_scheduler_publish_service_capabilities_FANOUT_to_volume", "22_api_to_backup_reset_status");

  private Captured() {
  }

  /** The captured message whose file name starts with {@code prefix} (e.g. "03_"). */
  public static JsonObject message(String prefix) throws IOException {
    String name = MESSAGES.stream().filter(n -> n.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new IOException("no captured message " + prefix));
    return new JsonObject(resource("/captured/messages/" + name + ".json"));
  }

  public static String topology() throws IOException {
    return resource("/captured/topology.txt");
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = Captured.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
