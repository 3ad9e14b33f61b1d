package org.cinderemu.backup.driver;

import java.nio.file.Path;
import java.util.Objects;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;
import org.cinderemu.common.service.ServiceOptions;

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
  // a chunk is held in one Java array
  private static final int MAX_FILE_SIZE_BYTES = Integer.MAX_VALUE - 64;

  /** Default: {@code $state_path/backup}. */
  public static final Opt<String> BACKUP_POSIX_PATH = Opt.string(CinderConf.DEFAULT, "backup_posix_path", null);
  public static final Opt<Integer> BACKUP_FILE_SIZE =
      Opt.integer(CinderConf.DEFAULT, "backup_file_size", DEFAULT_FILE_SIZE_BYTES, 1, MAX_FILE_SIZE_BYTES);
  public static final Opt<Integer> BACKUP_SHA_BLOCK_SIZE_BYTES = Opt.integer(CinderConf.DEFAULT,
      "backup_sha_block_size_bytes", DEFAULT_SHA_BLOCK_SIZE_BYTES, 1, MAX_FILE_SIZE_BYTES);
  public static final Opt<String> BACKUP_COMPRESSION_ALGORITHM =
      Opt.string(CinderConf.DEFAULT, "backup_compression_algorithm", "zlib");
  /** Default: derived from the backup id. */
  public static final Opt<String> BACKUP_CONTAINER = Opt.string(CinderConf.DEFAULT, "backup_container", null);

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
    Path path = conf.find(BACKUP_POSIX_PATH).map(Path::of)
        .orElseGet(() -> Path.of(conf.get(ServiceOptions.STATE_PATH), "backup"));
    return new PosixBackupOptions(path,
        conf.get(BACKUP_FILE_SIZE),
        conf.get(BACKUP_SHA_BLOCK_SIZE_BYTES),
        Compression.fromOption(conf.get(BACKUP_COMPRESSION_ALGORITHM)),
        conf.get(BACKUP_CONTAINER));
  }
}
