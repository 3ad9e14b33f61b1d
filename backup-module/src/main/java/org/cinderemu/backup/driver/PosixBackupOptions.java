package org.cinderemu.backup.driver;

import java.nio.file.Path;
import java.util.Objects;
import org.cinderemu.common.config.CinderConf;

/**
 * The posix backup driver's options from {@code [DEFAULT]}: {@code backup_posix_path}
 * (default {@code <state_path>/backup}), {@code backup_file_size} (object size; Cinder's default is 1999994880,
 * ours 32 MiB so that chunks stay small in memory), {@code backup_sha_block_size_bytes} (32768),
 * {@code backup_compression_algorithm} (zlib) and {@code backup_container} (default: derived from the backup id).
 */
public record PosixBackupOptions(Path backupPath, int fileSizeBytes, int shaBlockSizeBytes, Compression compression,
    String defaultContainer) {

  public static final int DEFAULT_FILE_SIZE_BYTES = 32 * 1024 * 1024;
  public static final int DEFAULT_SHA_BLOCK_SIZE_BYTES = 32 * 1024;
  public static final String DEFAULT_STATE_PATH = "/var/lib/cinder";
  // a chunk is held in one Java array
  private static final int MAX_FILE_SIZE_BYTES = Integer.MAX_VALUE - 64;

  public PosixBackupOptions {
    Objects.requireNonNull(backupPath, "backupPath");
    Objects.requireNonNull(compression, "compression");
    if (shaBlockSizeBytes <= 0 || fileSizeBytes <= 0) {
      throw new IllegalArgumentException("backup_file_size and backup_sha_block_size_bytes must be positive");
    }
    if (fileSizeBytes % shaBlockSizeBytes != 0) {
      // Cinder refuses the same: a chunk must hold whole sha blocks
      throw new IllegalArgumentException("backup_file_size " + fileSizeBytes
          + " is not a multiple of backup_sha_block_size_bytes " + shaBlockSizeBytes);
    }
    backupPath = backupPath.toAbsolutePath().normalize();
    defaultContainer = defaultContainer == null || defaultContainer.isBlank() ? null : defaultContainer;
  }

  /** Defaults with the given backup directory. */
  public static PosixBackupOptions defaults(Path backupPath) {
    return new PosixBackupOptions(backupPath, DEFAULT_FILE_SIZE_BYTES, DEFAULT_SHA_BLOCK_SIZE_BYTES, Compression.ZLIB,
        null);
  }

  public static PosixBackupOptions from(CinderConf conf) {
    String statePath = conf.getDefault("state_path", DEFAULT_STATE_PATH);
    Path path = Path.of(conf.getDefault("backup_posix_path", Path.of(statePath, "backup").toString()));
    return new PosixBackupOptions(path,
        intOption(conf, "backup_file_size", DEFAULT_FILE_SIZE_BYTES),
        intOption(conf, "backup_sha_block_size_bytes", DEFAULT_SHA_BLOCK_SIZE_BYTES),
        Compression.fromOption(conf.getDefault("backup_compression_algorithm", "zlib")),
        conf.getDefault("backup_container", null));
  }

  private static int intOption(CinderConf conf, String key, int dflt) {
    String value = conf.getDefault(key, null);
    if (value == null) {
      return dflt;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not an integer: " + value);
    }
    if (parsed <= 0 || parsed > MAX_FILE_SIZE_BYTES) {
      throw new IllegalArgumentException(key + " must be between 1 and " + MAX_FILE_SIZE_BYTES + ": " + value);
    }
    return (int) parsed;
  }
}
