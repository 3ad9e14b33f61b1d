package org.cinderemu.backup.driver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes files so that a final name only ever holds complete, synced bytes: the bytes go to
 * {@code <name>.part}, are fsynced, and the file is renamed atomically. A crash leaves at most a {@code .part}
 * file, which the backup's delete removes with its other objects. Blocking: worker threads only.
 */
final class AtomicFileWriter {

  /** What a file being written is called until it is complete. */
  static final String PART_SUFFIX = ".part";

  /** Runs between the synced temporary file and its rename; tests fail here to stand for a crash. */
  @FunctionalInterface
  interface BeforeRename {
    void run(Path partFile) throws IOException;
  }

  static final AtomicFileWriter DEFAULT = new AtomicFileWriter(part -> { });

  private final BeforeRename beforeRename;

  AtomicFileWriter(BeforeRename beforeRename) {
    this.beforeRename = Objects.requireNonNull(beforeRename, "beforeRename");
  }

  /** Writes a new file; never replaces one (a name clash would mean two backups share a prefix). */
  void write(Path file, byte[] bytes) throws IOException {
    try (PartFile part = open(file)) {
      part.write(bytes, 0, bytes.length);
      part.commit();
    }
  }

  /** A new file to write piece by piece; see {@link PartFile}. */
  PartFile open(Path file) throws IOException {
    return PartFile.create(file, beforeRename);
  }

  /** fsyncs a directory, making the renames done in it durable. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
