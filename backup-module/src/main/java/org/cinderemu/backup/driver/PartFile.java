package org.cinderemu.backup.driver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One file being written piece by piece as {@code <name>.part}: {@link #commit} syncs it and renames it to its
 * final name, so that name only ever holds complete bytes. Closing without a commit leaves the {@code .part}
 * file, as a crash would; {@link #discard} removes it. Blocking: worker threads only.
 */
final class PartFile implements AutoCloseable {

  private final Path file;
  private final Path part;
  private final AtomicFileWriter.BeforeRename beforeRename;
  private final FileChannel channel;
  private long written;

  private PartFile(Path file, AtomicFileWriter.BeforeRename beforeRename) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    this.file = file;
    this.part = file.resolveSibling(file.getFileName() + AtomicFileWriter.PART_SUFFIX);
    this.beforeRename = beforeRename;
    this.channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** Creates {@code <file>.part}; refuses a {@code file} that exists (two backups would share a prefix). */
  static PartFile create(Path file, AtomicFileWriter.BeforeRename beforeRename) throws IOException {
    return new PartFile(file, beforeRename);
  }

  void write(byte[] bytes, int from, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, from, length);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    written += length;
  }

  /** Bytes written so far. */
  long written() {
    return written;
  }

  /** fsyncs the bytes and renames the file to its final name. */
  void commit() throws IOException {
    channel.force(true);
    channel.close();
    beforeRename.run(part);
    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Gives the file up: closes and deletes the {@code .part} file. */
  void discard() throws IOException {
    channel.close();
    Files.deleteIfExists(part);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
