package org.cinderemu.volume.data;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.cinderemu.common.data.DataProtocol;

/**
 * Volumes in memory for scale runs: only written chunks are kept, chunks that become all zeros are dropped
 * again (restoring a mostly empty backup stays cheap), unwritten ranges read as zeros. The work is memory
 * copies only, so it runs on the caller's thread.
 */
public final class InMemoryDataStore implements VolumeDataStore {

  public static final int DEFAULT_CHUNK_BYTES = 256 * 1024;

  private final int chunkBytes;
  private final byte[] zeros;
  private final Map<String, MemoryVolume> volumes = new ConcurrentHashMap<>();
  private final AtomicLong storedBytes = new AtomicLong();

  public InMemoryDataStore() {
    this(DEFAULT_CHUNK_BYTES);
  }

  public InMemoryDataStore(int chunkBytes) {
    if (chunkBytes <= 0) {
      throw new IllegalArgumentException("chunk size must be positive: " + chunkBytes);
    }
    this.chunkBytes = chunkBytes;
    this.zeros = new byte[chunkBytes];
  }

  /** Bytes held in memory for all volumes (allocated chunks), for scale-run gauges. */
  public long storedBytes() {
    return storedBytes.get();
  }

  @Override
  public Future<Void> create(String volumeId, long sizeBytes) {
    return run(() -> {
      DataProtocol.requireValidVolumeId(volumeId);
      if (sizeBytes < 0) {
        throw new IllegalArgumentException("negative volume size " + sizeBytes);
      }
      if (volumes.putIfAbsent(volumeId, new MemoryVolume(sizeBytes)) != null) {
        throw new IllegalStateException("volume data already exists: " + volumeId);
      }
      return null;
    });
  }

  @Override
  public Future<Void> delete(String volumeId) {
    return run(() -> {
      MemoryVolume removed = volumes.remove(volumeId);
      if (removed != null) {
        storedBytes.addAndGet(-removed.release());
      }
      return null;
    });
  }

  @Override
  public Future<Void> extend(String volumeId, long newSizeBytes) {
    return run(() -> {
      volume(volumeId).extend(volumeId, newSizeBytes);
      return null;
    });
  }

  @Override
  public Future<Buffer> read(String volumeId, long offset, int length) {
    return run(() -> Buffer.buffer(volume(volumeId).read(volumeId, offset, length)));
  }

  @Override
  public Future<Void> write(String volumeId, long offset, Buffer data) {
    return run(() -> {
      volume(volumeId).write(volumeId, offset, data.getBytes());
      return null;
    });
  }

  @Override
  public Future<Long> size(String volumeId) {
    return run(() -> volume(volumeId).size());
  }

  @Override
  public Future<Boolean> exists(String volumeId) {
    return Future.succeededFuture(volumes.containsKey(volumeId));
  }

  private MemoryVolume volume(String volumeId) {
    MemoryVolume v = volumes.get(volumeId);
    if (v == null) {
      throw new NoSuchVolumeDataException(volumeId);
    }
    return v;
  }

  private interface Work<T> {
    T run();
  }

  private static <T> Future<T> run(Work<T> work) {
    try {
      return Future.succeededFuture(work.run());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** One volume: its size and its written chunks, guarded by its own monitor. */
  private final class MemoryVolume {
    private final Map<Long, byte[]> chunks = new HashMap<>();
    private long size;

    MemoryVolume(long size) {
      this.size = size;
    }

    synchronized long size() {
      return size;
    }

    synchronized void extend(String volumeId, long newSize) {
      if (newSize < size) {
        throw new IllegalArgumentException("cannot shrink volume " + volumeId + " from " + size + " to "
            + newSize + " bytes");
      }
      size = newSize;
    }

    synchronized byte[] read(String volumeId, long offset, int length) {
      VolumeDataStore.checkRange(volumeId, size, offset, length);
      byte[] out = new byte[length];
      int done = 0;
      while (done < length) {
        long pos = offset + done;
        long index = pos / chunkBytes;
        int within = (int) (pos % chunkBytes);
        int n = Math.min(length - done, chunkBytes - within);
        byte[] chunk = chunks.get(index);
        if (chunk != null) {
          System.arraycopy(chunk, within, out, done, n);
        }
        done += n;
      }
      return out;
    }

    synchronized void write(String volumeId, long offset, byte[] data) {
      VolumeDataStore.checkRange(volumeId, size, offset, data.length);
      int done = 0;
      while (done < data.length) {
        long pos = offset + done;
        long index = pos / chunkBytes;
        int within = (int) (pos % chunkBytes);
        int n = Math.min(data.length - done, chunkBytes - within);
        byte[] chunk = chunks.get(index);
        if (chunk == null) {
          if (isZero(data, done, n)) {
            done += n;
            continue; // zeros over a hole: nothing to keep
          }
          chunk = new byte[chunkBytes];
          chunks.put(index, chunk);
          storedBytes.addAndGet(chunkBytes);
        }
        System.arraycopy(data, done, chunk, within, n);
        if (isZero(chunk, 0, chunkBytes)) {
          chunks.remove(index);
          storedBytes.addAndGet(-chunkBytes);
        }
        done += n;
      }
    }

    synchronized long release() {
      long held = (long) chunks.size() * chunkBytes;
      chunks.clear();
      return held;
    }
  }

  private boolean isZero(byte[] bytes, int from, int length) {
    return Arrays.equals(bytes, from, from + length, zeros, 0, length);
  }
}
