package org.cinderemu.backup.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

class PosixBackupOptionsTest {

  @Test
  void defaultsFollowStatePath() {
    PosixBackupOptions defaults = PosixBackupOptions.from(CinderConf.empty());
    assertThat(defaults.backupPath()).isEqualTo(Path.of("/var/lib/cinder/backup"));
    assertThat(defaults.fileSizeBytes()).isEqualTo(32 * 1024 * 1024);
    assertThat(defaults.shaBlockSizeBytes()).isEqualTo(32768);
    assertThat(defaults.compression()).isEqualTo(Compression.ZLIB);
    assertThat(defaults.defaultContainer()).isNull();

    PosixBackupOptions moved = PosixBackupOptions.from(CinderConf.parse("[DEFAULT]\nstate_path = /srv/emu\n"));
    assertThat(moved.backupPath()).isEqualTo(Path.of("/srv/emu/backup"));
  }

  @Test
  void readsCinderOptionsIncludingCindersOwnChunkSize() {
    PosixBackupOptions options = PosixBackupOptions.from(CinderConf.parse(String.join("\n",
        "[DEFAULT]",
        "backup_posix_path = /data/backups",
        "backup_file_size = 1999994880",
        "backup_sha_block_size_bytes = 32768",
        "backup_compression_algorithm = none",
        "backup_container = shared",
        "")));
    assertThat(options.backupPath()).isEqualTo(Path.of("/data/backups"));
    assertThat(options.fileSizeBytes()).isEqualTo(1999994880);
    assertThat(options.compression()).isEqualTo(Compression.NONE);
    assertThat(options.defaultContainer()).isEqualTo("shared");
  }

  @Test
  void refusesChunksThatDoNotHoldWholeShaBlocks() {
    assertThatThrownBy(() -> PosixBackupOptions.from(CinderConf.parse(
        "[DEFAULT]\nbackup_file_size = 100000\n"))).hasMessageContaining("multiple");
    assertThatThrownBy(() -> PosixBackupOptions.from(CinderConf.parse(
        "[DEFAULT]\nbackup_file_size = lots\n"))).hasMessageContaining("backup_file_size");
    assertThatThrownBy(() -> PosixBackupOptions.from(CinderConf.parse(
        "[DEFAULT]\nbackup_compression_algorithm = zstd\n"))).hasMessageContaining("zstd");
  }
}
