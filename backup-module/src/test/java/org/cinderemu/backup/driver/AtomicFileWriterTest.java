package org.cinderemu.backup.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {

  private static final byte[] BYTES = "a chunk of a backup".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @Test
  void writesTheBytesUnderTheFinalNameAndLeavesNoPartFile() throws Exception {
    Path file = dir.resolve("prefix-00001");
    AtomicFileWriter.DEFAULT.write(file, BYTES);
    assertThat(file).hasBinaryContent(BYTES);
    assertThat(dir.resolve("prefix-00001" + AtomicFileWriter.PART_SUFFIX)).doesNotExist();
    AtomicFileWriter.syncDirectory(dir);
  }

  @Test
  void aWriteInterruptedBeforeItsRenameLeavesNoFinalNamedFile() {
    Path file = dir.resolve("prefix-00002");
    // a crash after the bytes are written and synced, before they are published under their name
    AtomicFileWriter crashing = new AtomicFileWriter(part -> {
      throw new IOException("killed before the rename of " + part.getFileName());
    });

    assertThatThrownBy(() -> crashing.write(file, BYTES)).hasMessageContaining("killed before the rename");

    assertThat(file).doesNotExist();
    // what is left is recognisably unfinished
    assertThat(dir.resolve("prefix-00002" + AtomicFileWriter.PART_SUFFIX)).hasBinaryContent(BYTES);
  }

  @Test
  void neverReplacesAnExistingFile() throws Exception {
    Path file = dir.resolve("prefix_metadata");
    Files.writeString(file, "{}");
    assertThatThrownBy(() -> AtomicFileWriter.DEFAULT.write(file, BYTES))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(file).hasContent("{}");
  }
}
