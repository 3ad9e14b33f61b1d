package org.cinderemu.volume.data;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The bytes of a backend's emulated volumes. Every method is asynchronous and never blocks the calling event
 * loop. Failures: {@link NoSuchVolumeDataException} for an unknown volume, {@link VolumeDataRangeException} for
 * a range outside the volume, {@link IllegalArgumentException} for a bad id or size.
 */
public interface VolumeDataStore {

  /** Allocates a zero-filled volume of {@code sizeBytes}; fails if the volume already exists. */
  Future<Void> create(String volumeId, long sizeBytes);

  /** Drops the volume's bytes; deleting an unknown volume succeeds (delete_volume is idempotent in Cinder). */
  Future<Void> delete(String volumeId);

  /** Grows the volume to {@code newSizeBytes}, the new tail reading as zeros; shrinking is refused. */
  Future<Void> extend(String volumeId, long newSizeBytes);

  /** Exactly {@code length} bytes from {@code offset}; never-written ranges read as zeros. */
  Future<Buffer> read(String volumeId, long offset, int length);

  /** Writes all of {@code data} at {@code offset}; the range must lie within the volume. */
  Future<Void> write(String volumeId, long offset, Buffer data);

  Future<Long> size(String volumeId);

  Future<Boolean> exists(String volumeId);

  /**
   * The file holding the volume's bytes, when the store keeps them in one: the data endpoint then sends and
   * receives ranges straight from and to it, never holding a range in memory. Empty by default.
   */
  default Optional<Path> backingFile(String volumeId) {
    return Optional.empty();
  }

  /** Shared range check: {@code [offset, offset + length)} must lie inside {@code [0, size)}. */
  static void checkRange(String volumeId, long size, long offset, long length) {
    if (offset < 0 || length < 0 || offset > size || length > size - offset) {
      throw new VolumeDataRangeException(volumeId, size, offset, length);
    }
  }
}
