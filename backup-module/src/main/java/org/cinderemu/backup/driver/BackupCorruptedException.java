package org.cinderemu.backup.driver;

/**
 * The backup storage does not hold what the backup's metadata promises: a missing or altered object, or
 * missing metadata. Raised before any bad byte reaches the target volume.
 */
public class BackupCorruptedException extends RuntimeException {

  public BackupCorruptedException(String message) {
    super(message);
  }

  public BackupCorruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
