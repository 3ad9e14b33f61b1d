package org.cinderemu.backup.driver;

import java.util.Objects;

/**
 * Where a finished backup lives, as the backups row records it: {@code container} and
 * {@code service_metadata} (the object name prefix). Null fields mean the driver never stored anything.
 */
public record StoredBackup(String backupId, String container, String serviceMetadata) {

  public StoredBackup {
    Objects.requireNonNull(backupId, "backupId");
  }
}
