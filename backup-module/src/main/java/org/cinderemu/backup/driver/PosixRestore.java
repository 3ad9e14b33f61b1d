package org.cinderemu.backup.driver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cinderemu.common.data.VolumeDataClient;

/**
 * The posix driver's restore: the backup's incremental chain is read oldest first, and every object is checked
 * against its recorded sha256 and md5 before its bytes are written into the target volume, piece by piece
 * ({@link ObjectReader}). File and CPU work runs on worker threads.
 */
final class PosixRestore {

  private final Vertx vertx;
  private final Path backupPath;
  private final ZeroRanges zeros;
  private final int pieceBytes;

  PosixRestore(Vertx vertx, Path backupPath, ZeroRanges zeros, int pieceBytes) {
    this.vertx = vertx;
    this.backupPath = backupPath;
    this.zeros = zeros;
    this.pieceBytes = pieceBytes;
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
    // read twice: every object is checked whole before the first of its bytes reaches the volume
    return this.<Void>blocking(() -> {
      try (ObjectReader reader = open(step)) {
        reader.verify(zeros);
      }
      return null;
    })
        .compose(v -> blocking(() -> open(step)))
        .compose(reader -> writePieces(reader, target, step.object().offset())
            .eventually(() -> blocking(() -> {
              reader.close();
              return null;
            })))
        .compose(v -> restoreSteps(steps, index + 1, target));
  }

  private Future<Void> writePieces(ObjectReader reader, VolumeDataClient target, long offset) {
    return blocking(() -> {
      byte[] piece = reader.next();
      return piece == null ? null : Buffer.buffer(piece);
    }).compose(piece -> piece == null ? Future.<Void>succeededFuture()
        : target.write(offset, piece).compose(v -> writePieces(reader, target, offset + piece.length())));
  }

  private ObjectReader open(Step step) throws IOException {
    BackupObject object = step.object();
    PosixContainer container = step.link().container();
    String where = "object " + object.name() + " of backup " + step.link().backupId() + " ("
        + container.pathOf(object.name()) + ")";
    return ObjectReader.open(container, object, where, pieceBytes);
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
