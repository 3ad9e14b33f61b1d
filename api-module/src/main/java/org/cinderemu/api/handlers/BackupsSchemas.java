package org.cinderemu.api.handlers;

import org.cinderemu.common.objects.fields.BackupStatus;
import org.cinderemu.common.objects.fields.WireEnum;
import org.cinderemu.common.py.PyRepr;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.api.validation.ParameterTypes;
import org.cinderemu.api.validation.Schema;

/** The request bodies of {@code /backups} (cinder/api/schemas/backups.py and admin_actions.py). */
final class BackupsSchemas {

  /** Statuses os-reset_status may set on a backup (Cinder's {@code backup_status} format). */
  static final List<String> RESET_STATUSES = WireEnum.wires(BackupStatus.AVAILABLE, BackupStatus.ERROR);

  private static final Schema NULLABLE_STRING = Schema.string().nullable().minLength(0).maxLength(255);

  private static final Schema CREATE_BACKUP = Schema.object()
      .requiredProperty("volume_id", ParameterTypes.uuid())
      .property("container", NULLABLE_STRING)
      .property("description", ParameterTypes.description())
      .property("incremental", ParameterTypes.bool())
      .property("force", ParameterTypes.bool())
      .property("name", ParameterTypes.name())
      .property("snapshot_id", ParameterTypes.uuidOrNull());

  static final Schema RESTORE = Schema.object()
      .requiredProperty("restore", Schema.object().nullable()
          .property("name", ParameterTypes.name())
          .property("volume_id", ParameterTypes.uuidOrNull())
          .closed())
      .closed();

  static final Schema RESET_STATUS = Schema.object()
      .requiredProperty("os-reset_status", Schema.object()
          .requiredProperty("status", Schema.string())
          .closed())
      .closed();

  private BackupsSchemas() {
  }

  /** {@code create}; {@code metadata} from 3.43 (BACKUP_METADATA), {@code availability_zone} from 3.51. */
  static Schema create(ApiVersion mv) {
    Schema backup = CREATE_BACKUP;
    if (mv.isAtLeast("3.43")) {
      backup = backup.property("metadata", ParameterTypes.metadata().nullable());
    }
    if (mv.isAtLeast("3.51")) {
      backup = backup.property("availability_zone", NULLABLE_STRING);
    }
    return Schema.object().requiredProperty("backup", backup.closed()).closed();
  }

  /**
   * Validates an os-reset_status body and returns the status, lower-cased as Cinder stores it. The
   * {@code backup_status} format check runs where jsonschema runs it, right after the string type check, and
   * raises InvalidBackup rather than a schema error.
   */
  static String resetStatus(JsonObject body) {
    Object inner = body.getValue("os-reset_status");
    if (inner instanceof JsonObject o && o.getValue("status") instanceof String status
        && !RESET_STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
      throw ApiException.badRequest("Invalid backup: Backup status: " + status + " is invalid, valid statuses are: "
          + PyRepr.repr(RESET_STATUSES) + ".");
    }
    RESET_STATUS.validate(body);
    return body.getJsonObject("os-reset_status").getString("status").toLowerCase(Locale.ROOT);
  }
}
