package org.cinderemu.backup.driver;

import io.vertx.core.Future;
import org.cinderemu.common.data.VolumeDataClient;

/**
 * Moves a volume's bytes to backup storage and back (Cinder's BackupDriver). The caller attaches the volume
 * ({@code initialize_connection}) and hands over a client; the driver never touches the database, the caller
 * stores what {@link BackupResult} says in the backups row.
 */
public interface BackupDriver {

  /** The {@code backups.service} value, e.g. "cinder.backup.drivers.posix.PosixBackupDriver". */
  String serviceName();

  /**
   * Where the backup's objects will go: container and object prefix ({@code service_metadata}). The caller
   * records them on the backups row before {@link #backup}, so that a delete finds what a crash left behind.
   */
  Future<StoredBackup> prepare(BackupRequest request);

  /** Copies the whole volume (or, with a parent, what changed since it) to {@code location}. */
  Future<BackupResult> backup(BackupRequest request, StoredBackup location, VolumeDataClient source);

  /** {@link #prepare} then {@link #backup}, for callers with nothing to record in between. */
  default Future<BackupResult> backup(BackupRequest request, VolumeDataClient source) {
    return prepare(request).compose(location -> backup(request, location, source));
  }

  /**
   * Writes a backup (its whole incremental chain) into {@code target}. Fails with
   * {@link BackupCorruptedException} before writing any chunk that does not match its recorded hashes.
   */
  Future<Void> restore(StoredBackup backup, VolumeDataClient target);

  /** Removes the backup's objects; a backup that never stored anything deletes successfully. */
  Future<Void> delete(StoredBackup backup);
}
