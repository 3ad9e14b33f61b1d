package org.cinderemu.backup;

import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;

/** The backup service's own options (the posix driver's are in {@code PosixBackupOptions}). */
public final class BackupServiceOptions {

  public static final Opt<Integer> BACKUP_DRIVER_STATS_POLLING_INTERVAL =
      Opt.integer(CinderConf.DEFAULT, "backup_driver_stats_polling_interval", 60, 10, null);
  /**
   * Cinder's limit on backups and restores moving data at once (each holds a backup_file_size chunk in memory
   * twice or more); 0 is unlimited. The launcher sizes cinder-backup's heap ceiling from it.
   */
  public static final Opt<Integer> BACKUP_MAX_OPERATIONS =
      Opt.integer(CinderConf.DEFAULT, "backup_max_operations", 15, 0, null);
  /** Extra time each copy step of a backup or restore takes, to widen crash windows in experiments. */
  public static final Opt<Integer> EMULATOR_BACKUP_LATENCY_MS =
      Opt.integer(CinderConf.DEFAULT, "emulator_backup_latency_ms", 0, 0, null);
  /** A pause after each stored object of a posix backup, to hold a backup half-written for crash experiments. */
  public static final Opt<Integer> EMULATOR_BACKUP_CHUNK_LATENCY_MS =
      Opt.integer(CinderConf.DEFAULT, "emulator_backup_chunk_latency_ms", 0, 0, null);

  private BackupServiceOptions() {
  }
}
