package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;

/**
 * A one-host lab for the backup data tests: backend lvmdriver-1, scheduler, backup service with 1 MiB objects
 * ({@code backup_file_size}) and an API, plus the test's own database handle and {@link VolumeBytes}.
 */
final class BackupDataLab implements AutoCloseable {

  static final long MIB = 1 << 20;
  static final long GIB = 1L << 30;
  static final Duration SETTLE = Duration.ofSeconds(60);

  final Lab lab;
  final CinderHttp cinder;
  final Database db;
  final VolumeBytes bytes;
  /** {@code backup_posix_path}, inside the lab's state dir. */
  final Path backupDir;

  private BackupDataLab(Lab lab, CinderHttp cinder, Database db, VolumeBytes bytes) {
    this.lab = lab;
    this.cinder = cinder;
    this.db = db;
    this.bytes = bytes;
    this.backupDir = lab.stateDir.resolve("posix-backups");
  }

  /** Starts the lab; {@code options} are extra {@code [DEFAULT]} key/value pairs. */
  static BackupDataLab start(String... options) throws Exception {
    Lab lab = new Lab();
    try {
      lab.set(CinderConf.DEFAULT, "enabled_backends", "lvmdriver-1");
      lab.set(CinderConf.DEFAULT, "backup_file_size", String.valueOf(MIB));
      lab.set(CinderConf.DEFAULT, "backup_posix_path", lab.stateDir.resolve("posix-backups").toString());
      for (int i = 0; i + 1 < options.length; i += 2) {
        lab.set(CinderConf.DEFAULT, options[i], options[i + 1]);
      }
      lab.volume("lvmdriver-1");
      lab.scheduler();
      lab.backup();
      CinderHttp cinder = new CinderHttp(lab.api().actualPort()).unlimited();
      Database db = lab.openDatabase();
      return new BackupDataLab(lab, cinder, db, VolumeBytes.open(lab, db));
    } catch (Exception | Error e) {
      lab.close();
      throw e;
    }
  }

  String availableVolume() {
    String id = cinder.createVolume(1, null);
    JsonObject v = cinder.awaitSettled(id, SETTLE);
    assertThat(v.getString("status")).as("volume %s", v).isEqualTo("available");
    return id;
  }

  JsonObject availableBackup(String volume, boolean incremental) {
    return awaitAvailable(cinder.createBackup(volume, incremental));
  }

  JsonObject awaitAvailable(String backupId) {
    JsonObject b = cinder.awaitBackupSettled(backupId, SETTLE);
    assertThat(b.getString("status")).as("backup %s", b).isEqualTo("available");
    return b;
  }

  /** After a restore: the backup available again, the volume available. */
  void awaitRestored(String backupId, String volumeId) {
    awaitAvailable(backupId);
    cinder.awaitVolumeStatus(volumeId, "available", SETTLE);
  }

  /** Writes into the volume and into the image of what it should hold. */
  void write(String volume, ExpectedImage image, long offset, byte[] data) throws Exception {
    bytes.write(volume, offset, data);
    image.write(offset, data);
  }

  static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Compressible bytes. */
  static byte[] text(int n) {
    byte[] line = "the quick brown fox jumps over the lazy backup driver 0123456789\n".getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = line[i % line.length];
    }
    return b;
  }

  @Override
  public void close() throws Exception {
    try {
      bytes.close();
    } finally {
      lab.close();
    }
  }
}
