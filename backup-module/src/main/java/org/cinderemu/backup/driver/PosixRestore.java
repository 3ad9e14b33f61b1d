package org.cinderemu.backup.driver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.zip.DataFormatException;
import org.cinderemu.common.data.VolumeDataClient;

/**
 * The posix driver's restore: the backup's incremental chain is read oldest first, and every object is checked
 * against its recorded sha256 and md5 before its bytes are written into the target volume. File and CPU work
 * runs on worker threads.
 */
final class PosixRestore {

  private final Vertx vertx;
  private final Path backupPath;
  private final ZeroRanges zeros;

  PosixRestore(Vertx vertx, Path backupPath, ZeroRanges zeros) {
    this.vertx = vertx;
    this.backupPath = backupPath;
    this.zeros = zeros;
  }

  /** One backup of an incremental chain with its metadata. */
  private record Link(String backupId, PosixContainer container, BackupMetadata metadata) {
  }

  /** One object to put back. */
  private record Step(Link link, BackupObject object) {
  }

  Future<Void> restore(StoredBackup backup, VolumeDataClient target) {
    return blocking(() -> loadChain(backup)).compose(chain -> {
      List<Step> steps = new ArrayList<>();
      long needed = chain.get(chain.size() - 1).metadata().volumeSizeBytes();
      for (Link link : chain) {
        for (BackupObject object : link.metadata().objects()) {
          steps.add(new Step(link, object));
          needed = Math.max(needed, object.end());
        }
      }
      long neededBytes = needed;
      return target.size().compose(targetSize -> {
        if (targetSize < neededBytes) {
          return Future.failedFuture(new IllegalArgumentException("volume " + target.volumeId() + " holds "
              + targetSize + " bytes, backup " + backup.backupId() + " needs " + neededBytes));
        }
        return restoreSteps(steps, 0, target);
      });
    });
  }

  private Future<Void> restoreSteps(List<Step> steps, int index, VolumeDataClient target) {
    if (index == steps.size()) {
      return Future.succeededFuture();
    }
    Step step = steps.get(index);
    return blocking(() -> verifiedBytes(step))
        .compose(bytes -> target.write(step.object().offset(), Buffer.buffer(bytes)))
        .compose(v -> restoreSteps(steps, index + 1, target));
  }

  /** The object's volume bytes, or a {@link BackupCorruptedException} naming the object if anything is off. */
  private byte[] verifiedBytes(Step step) throws IOException {
    BackupObject object = step.object();
    String where = "object " + object.name() + " of backup " + step.link().backupId() + " ("
        + step.link().container().pathOf(object.name()) + ")";
    byte[] stored;
    try {
      stored = step.link().container().read(object.name());
    } catch (NoSuchFileException e) {
      throw new BackupCorruptedException(where + " is missing", e);
    }
    if (object.sha256() != null) {
      String actual = Digests.sha256(stored, 0, stored.length);
      if (!actual.equals(object.sha256())) {
        throw new BackupCorruptedException(where + " is corrupted: sha256 " + actual + " differs from the recorded "
            + object.sha256());
      }
    }
    byte[] data;
    try {
      data = Compression.fromMetadata(object.compression()).decompress(stored, object.length());
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new BackupCorruptedException(where + " cannot be decompressed: " + e.getMessage(), e);
    }
    String md5 = zeros.isZero(data, 0, data.length) ? zeros.encoded(data.length).md5() : Digests.md5(data, 0, data.length);
    if (object.md5() != null && !md5.equals(object.md5())) {
      throw new BackupCorruptedException(where + " is corrupted: md5 of its data differs from the recorded "
          + object.md5());
    }
    return data;
  }

  /** The backup and its ancestors, oldest (the full backup) first. */
  private List<Link> loadChain(StoredBackup backup) throws IOException {
    List<Link> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (StoredBackup current = backup; current != null; ) {
      if (!seen.add(current.backupId())) {
        throw new BackupCorruptedException("the incremental chain of backup " + backup.backupId()
            + " loops at " + current.backupId());
      }
      PosixContainer container = PosixContainer.of(backupPath, current);
      BackupMetadata metadata;
      try {
        metadata = BackupMetadata.fromJson(container.readBackupJson(current.serviceMetadata() + "_metadata",
            current.backupId()));
      } catch (RuntimeException e) {
        if (e instanceof BackupCorruptedException) {
          throw e;
        }
        throw new BackupCorruptedException("metadata of backup " + current.backupId() + " is unreadable: "
            + e.getMessage(), e);
      }
      if (!current.backupId().equals(metadata.backupId())) {
        throw new BackupCorruptedException("metadata in " + container.dir() + " belongs to backup "
            + metadata.backupId() + ", not " + current.backupId());
      }
      chain.add(0, new Link(current.backupId(), container, metadata));
      current = metadata.parent();
    }
    return chain;
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
