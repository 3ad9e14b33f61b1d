package org.cinderemu.backup.driver;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One backup to take, from the backups row: {@code container} may be null (the driver chooses one);
 * {@code parent} is set for an incremental backup and names the backup it builds on.
 */
public record BackupRequest(String backupId, String volumeId, String container, String name, String description,
    LocalDateTime createdAt, StoredBackup parent) {

  public BackupRequest {
    Objects.requireNonNull(backupId, "backupId");
    Objects.requireNonNull(volumeId, "volumeId");
  }

  /** A full backup into the driver's default container. */
  public static BackupRequest full(String backupId, String volumeId) {
    return new BackupRequest(backupId, volumeId, null, null, null, null, null);
  }

  public BackupRequest incrementalOf(StoredBackup parentBackup) {
    return new BackupRequest(backupId, volumeId, container, name, description, createdAt, parentBackup);
  }

  public boolean incremental() {
    return parent != null;
  }
}
