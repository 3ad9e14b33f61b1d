package org.cinderemu.backup.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixContainerTest {

  private static final String PREFIX = "volume_v1_20261201000000_backup_b1";

  @TempDir
  Path base;

  @Test
  void deletingABackupRemovesWhatACrashLeftIncludingAPartialChunk() throws Exception {
    PosixContainer container = PosixContainer.of(base, "b1/c");
    container.write(PREFIX + "-00001", new byte[] {1});
    Files.write(container.dir().resolve(PREFIX + "-00002" + AtomicFileWriter.PART_SUFFIX), new byte[] {2});
    // another backup's files in the same container stay
    container.write("volume_v1_20261201000001_backup_b2-00001", new byte[] {3});

    assertThat(container.deleteBackup(PREFIX)).containsExactlyInAnyOrder(PREFIX + "-00001",
        PREFIX + "-00002" + AtomicFileWriter.PART_SUFFIX);
    container.pruneEmptyDirectories();

    try (var files = Files.list(container.dir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("volume_v1_20261201000001_backup_b2-00001");
    }
  }
}
