package org.cinderemu.backup.driver;

/**
 * What the backup manager writes into the backups row once the copy is done: {@code container},
 * {@code service_metadata}, {@code object_count}, {@code size} (GiB, the volume's size rounded up) and
 * {@code service}.
 */
public record BackupResult(String backupId, String container, String serviceMetadata, int objectCount, int sizeGb,
    long volumeSizeBytes, String service) {

  /** The handle for restoring, deleting, or building an incremental backup on this one. */
  public StoredBackup stored() {
    return new StoredBackup(backupId, container, serviceMetadata);
  }
}
