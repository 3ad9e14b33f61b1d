package org.cinderemu.volume.data;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cinderemu.common.data.DataProtocol;

/**
 * One sparse file per volume, {@code <dir>/volume-<id>} as the LVM driver names its LVs: {@code setLength}
 * leaves holes, so a 1 GiB volume costs only the blocks actually written. All file work runs on worker
 * threads (unordered, so several volumes stream in parallel).
 */
public final class SparseFileDataStore implements VolumeDataStore {

  private final Vertx vertx;
  private final Path dir;

  public SparseFileDataStore(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The file holding a volume's bytes (for diagnostics and tests). */
  public Path fileOf(String volumeId) {
    return dir.resolve("volume-" + DataProtocol.requireValidVolumeId(volumeId));
  }

  @Override
  public Optional<Path> backingFile(String volumeId) {
    return Optional.of(fileOf(volumeId));
  }

  @Override
  public Future<Void> create(String volumeId, long sizeBytes) {
    return blocking(() -> {
      requireSize(sizeBytes);
      Files.createDirectories(dir);
      Path file = fileOf(volumeId);
      Files.createFile(file); // fails if it exists: never silently reuse another volume's bytes
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(sizeBytes);
      }
      return null;
    });
  }

  @Override
  public Future<Void> delete(String volumeId) {
    return blocking(() -> {
      Files.deleteIfExists(fileOf(volumeId));
      return null;
    });
  }

  @Override
  public Future<Void> extend(String volumeId, long newSizeBytes) {
    return blocking(() -> {
      requireSize(newSizeBytes);
      Path file = existing(volumeId);
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        if (newSizeBytes < raf.length()) {
          throw new IllegalArgumentException("cannot shrink volume " + volumeId + " from " + raf.length()
              + " to " + newSizeBytes + " bytes");
        }
        raf.setLength(newSizeBytes);
      }
      return null;
    });
  }

  @Override
  public Future<Buffer> read(String volumeId, long offset, int length) {
    return blocking(() -> {
      try (FileChannel ch = FileChannel.open(existing(volumeId), StandardOpenOption.READ)) {
        VolumeDataStore.checkRange(volumeId, ch.size(), offset, length);
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
          if (ch.read(bytes, offset + bytes.position()) < 0) {
            throw new IOException("volume file " + fileOf(volumeId) + " ended early");
          }
        }
        return Buffer.buffer(bytes.array());
      }
    });
  }

  @Override
  public Future<Void> write(String volumeId, long offset, Buffer data) {
    return blocking(() -> {
      try (FileChannel ch = FileChannel.open(existing(volumeId), StandardOpenOption.WRITE)) {
        VolumeDataStore.checkRange(volumeId, ch.size(), offset, data.length());
        ByteBuffer bytes = ByteBuffer.wrap(data.getBytes());
        while (bytes.hasRemaining()) {
          ch.write(bytes, offset + bytes.position());
        }
      }
      return null;
    });
  }

  @Override
  public Future<Long> size(String volumeId) {
    return blocking(() -> Files.size(existing(volumeId)));
  }

  @Override
  public Future<Boolean> exists(String volumeId) {
    return blocking(() -> Files.isRegularFile(fileOf(volumeId)));
  }

  private Path existing(String volumeId) {
    Path file = fileOf(volumeId);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchVolumeDataException(volumeId);
    }
    return file;
  }

  private static void requireSize(long sizeBytes) {
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("negative volume size " + sizeBytes);
    }
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(() -> {
      try {
        return work.call();
      } catch (NoSuchFileException e) {
        // the file vanished between the check and the open: a concurrent delete
        throw new NoSuchVolumeDataException(e.getFile());
      } catch (FileAlreadyExistsException e) {
        throw new IllegalStateException("volume data already exists: " + e.getFile(), e);
      }
    }, false);
  }
}
