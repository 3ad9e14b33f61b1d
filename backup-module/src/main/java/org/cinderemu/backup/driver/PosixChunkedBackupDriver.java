package org.cinderemu.backup.driver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.cinderemu.backup.driver.ChangedExtents.Extent;
import org.cinderemu.common.data.VolumeDataClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cinder's posix backup driver (chunked driver on a directory): the volume is read chunk by chunk
 * ({@code backup_file_size}), each in pieces ({@link PieceReader}), through its data client, each chunk
 * compressed and written as
 * {@code <backup_posix_path>/<container>/<prefix>-00001, -00002, ...}, then {@code <prefix>_sha256file} (a
 * sha256 per {@code backup_sha_block_size_bytes} block) and last {@code <prefix>_metadata} (the object list).
 * Container defaults to {@code id[0:2]/id[2:4]/id} and the prefix is
 * {@code volume_<volume id>_<yyyyMMddHHmmss>_backup_<backup id>}, as in the captured Cinder rows. An incremental
 * backup stores only the sha blocks that changed since its parent. All file and CPU work runs on worker threads;
 * every file is written complete or not at all ({@link AtomicFileWriter}).
 */
public final class PosixChunkedBackupDriver implements BackupDriver {

  public static final String SERVICE_NAME = "cinder.backup.drivers.posix.PosixBackupDriver";

  private static final Logger LOG = LoggerFactory.getLogger(PosixChunkedBackupDriver.class);
  private static final long GIB = 1L << 30;
  private static final DateTimeFormatter PREFIX_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'+00:00'");

  private final Vertx vertx;
  private final PosixBackupOptions options;
  private final Clock clock;
  private final ZeroRanges zeros;
  private final AtomicFileWriter writer;
  private final long chunkLatencyMs;
  private final PosixRestore restorer;
  private final PieceReader pieces;

  public PosixChunkedBackupDriver(Vertx vertx, PosixBackupOptions options) {
    this(vertx, options, Clock.systemUTC());
  }

  public PosixChunkedBackupDriver(Vertx vertx, PosixBackupOptions options, Clock clock) {
    this(vertx, options, clock, AtomicFileWriter.DEFAULT, 0);
  }

  private PosixChunkedBackupDriver(Vertx vertx, PosixBackupOptions options, Clock clock, AtomicFileWriter writer,
      long chunkLatencyMs) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.chunkLatencyMs = chunkLatencyMs;
    this.zeros = ZeroRanges.computed();
    this.pieces = new PieceReader(vertx, options.shaBlockSizeBytes());
    this.restorer = new PosixRestore(vertx, options.backupPath(), zeros, pieces.pieceBytes());
  }

  /** An emulator knob: a pause after each stored chunk (to hold a backup half-written in crash experiments). */
  public PosixChunkedBackupDriver withChunkLatency(long ms) {
    return new PosixChunkedBackupDriver(vertx, options, clock, writer, ms);
  }

  /** The same driver writing its files through {@code fileWriter} (tests inject failures there). */
  PosixChunkedBackupDriver withWriter(AtomicFileWriter fileWriter) {
    return new PosixChunkedBackupDriver(vertx, options, clock, fileWriter, chunkLatencyMs);
  }

  public PosixBackupOptions options() {
    return options;
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  /** The container a backup is stored in: the request's, else {@code backup_container}, else from its id. */
  public String containerFor(BackupRequest request) {
    if (request.container() != null) {
      return request.container();
    }
    if (options.defaultContainer() != null) {
      return options.defaultContainer();
    }
    String id = request.backupId();
    return id.length() < 4 ? id : id.substring(0, 2) + "/" + id.substring(2, 4) + "/" + id;
  }

  // ---------------------------------------------------------------- backup

  /** State of one backup in progress; touched by one step at a time (each step completes before the next). */
  private static final class BackupRun {
    final BackupRequest request;
    final String containerName;
    final PosixContainer container;
    final String prefix;
    final List<BackupObject> objects = new ArrayList<>();
    final List<String> shas = new ArrayList<>();
    Sha256File parentShas;
    long volumeSize;

    BackupRun(BackupRequest request, String containerName, PosixContainer container, String prefix) {
      this.request = request;
      this.containerName = containerName;
      this.container = container;
      this.prefix = prefix;
    }
  }

  /** The container and the object prefix ({@code service_metadata}) of the backup, as Cinder's _prepare_backup. */
  @Override
  public Future<StoredBackup> prepare(BackupRequest request) {
    try {
      String containerName = containerFor(request);
      PosixContainer.of(options.backupPath(), containerName); // refuses a container outside the backup directory
      String prefix = "volume_" + request.volumeId() + "_" + LocalDateTime.now(clock.withZone(ZoneOffset.UTC))
          .format(PREFIX_TIME) + "_backup_" + request.backupId();
      return Future.succeededFuture(new StoredBackup(request.backupId(), containerName, prefix));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<BackupResult> backup(BackupRequest request, StoredBackup location, VolumeDataClient source) {
    BackupRun run;
    try {
      run = new BackupRun(request, location.container(),
          PosixContainer.of(options.backupPath(), location.container(), writer), location.serviceMetadata());
    } catch (IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(e);
    }
    return blocking(() -> request.incremental() ? loadParentShas(request.parent()) : null)
        .compose(parentShas -> {
          run.parentShas = parentShas;
          return source.size();
        })
        .compose(size -> {
          run.volumeSize = size;
          return copyChunks(run, source, 0);
        })
        .compose(v -> blocking(() -> finish(run)))
        .recover(e -> removePartial(run).transform(ignored -> Future.failedFuture(e)));
  }

  private Future<Void> copyChunks(BackupRun run, VolumeDataClient source, long offset) {
    if (offset >= run.volumeSize) {
      return Future.succeededFuture();
    }
    int length = (int) Math.min(options.fileSizeBytes(), run.volumeSize - offset);
    Future<Void> stored = run.parentShas == null
        ? storeRange(run, source, offset, length).map(shas -> {
          run.shas.addAll(shas);
          return null;
        })
        : storeChanges(run, source, offset, length);
    return stored
        .compose(v -> chunkLatencyMs > 0 ? vertx.timer(chunkLatencyMs) : Future.<Void>succeededFuture())
        .compose(v -> copyChunks(run, source, offset + length));
  }

  // incremental: hash the chunk, then store the runs of blocks that changed since the parent
  private Future<Void> storeChanges(BackupRun run, VolumeDataClient source, long offset, int length) {
    int block = options.shaBlockSizeBytes();
    BlockHashes hashes = new BlockHashes(block, zeros);
    return pieces.read(source, offset, length, (piece, n) -> hashes.accept(piece, n, zeros.isZero(piece, 0, n)))
        .compose(v -> {
          int firstBlock = run.shas.size();
          run.shas.addAll(hashes.shas());
          List<Extent> extents = ChangedExtents.of(hashes.shas(), run.parentShas.sha256s(), offset / block, block,
              length);
          return storeExtents(run, source, offset, extents, 0, firstBlock);
        });
  }

  private Future<Void> storeExtents(BackupRun run, VolumeDataClient source, long chunkOffset, List<Extent> extents,
      int index, int firstBlock) {
    if (index == extents.size()) {
      return Future.succeededFuture();
    }
    Extent extent = extents.get(index);
    return storeRange(run, source, chunkOffset + extent.offset(), extent.length()).compose(shas -> {
      // the extent was read once more: its blocks get the hashes of the bytes actually stored
      int at = firstBlock + extent.offset() / options.shaBlockSizeBytes();
      for (int i = 0; i < shas.size(); i++) {
        run.shas.set(at + i, shas.get(i));
      }
      return storeExtents(run, source, chunkOffset, extents, index + 1, firstBlock);
    });
  }

  /** Stores one volume range as the next object; returns its block hashes. */
  private Future<List<String>> storeRange(BackupRun run, VolumeDataClient source, long offset, int length) {
    String name = String.format("%s-%05d", run.prefix, run.objects.size() + 1);
    return encodeRange(run, source, offset, length, options.compression(), name)
        // as Cinder does: data that compression does not shrink is kept as is
        .compose(r -> r != null ? Future.succeededFuture(r)
            : encodeRange(run, source, offset, length, Compression.NONE, name))
        .map(r -> {
          run.objects.add(new BackupObject(name, offset, length, r.compression().metadataName(), r.md5(),
              r.sha256()));
          return r.blockShas();
        });
  }

  private Future<ObjectEncoder.Result> encodeRange(BackupRun run, VolumeDataClient source, long offset, int length,
      Compression compression, String name) {
    ObjectEncoder encoder = new ObjectEncoder(compression, options.shaBlockSizeBytes(), zeros,
        () -> run.container.create(name));
    return pieces.read(source, offset, length, encoder::accept)
        .compose(v -> blocking(() -> encoder.finish(run.container, name)))
        .eventually(() -> blocking(() -> {
          encoder.close();
          return null;
        }));
  }

  /** One all-zero range as stored ({@link ZeroRanges}): its bytes after compression and its digests. */
  record Encoded(byte[] stored, Compression compression, String md5, String sha256) {
  }

  private BackupResult finish(BackupRun run) throws IOException {
    BackupRequest r = run.request;
    String createdAt = r.createdAt() == null ? null : r.createdAt().format(CREATED_AT);
    Sha256File shaFile = new Sha256File(r.backupId(), r.volumeId(), options.shaBlockSizeBytes(), run.shas);
    run.container.writeJson(run.prefix + "_sha256file", shaFile.toJson(r.name(), r.description(), createdAt));
    // the metadata goes last, after every object it lists is durable: its presence marks a complete backup
    run.container.sync();
    BackupMetadata metadata = new BackupMetadata(r.backupId(), r.volumeId(), r.name(), r.description(), createdAt,
        run.objects, r.parent(), run.volumeSize);
    run.container.writeJson(run.prefix + "_metadata", metadata.toJson());
    run.container.sync();
    int sizeGb = (int) ((run.volumeSize + GIB - 1) / GIB);
    LOG.info("backup {} of volume {}: {} objects in {}", r.backupId(), r.volumeId(), run.objects.size(),
        run.container.dir());
    return new BackupResult(r.backupId(), run.containerName, run.prefix, run.objects.size(), sizeGb, run.volumeSize,
        SERVICE_NAME);
  }

  private Sha256File loadParentShas(StoredBackup parent) throws IOException {
    PosixContainer container = containerOf(parent);
    String name = parent.serviceMetadata() + "_sha256file";
    Sha256File shas = Sha256File.fromJson(container.readBackupJson(name, parent.backupId()));
    if (shas.blockSize() != options.shaBlockSizeBytes()) {
      throw new IllegalArgumentException("parent backup " + parent.backupId() + " hashed " + shas.blockSize()
          + "-byte blocks, backup_sha_block_size_bytes is now " + options.shaBlockSizeBytes()
          + ": take a full backup");
    }
    return shas;
  }

  private Future<Void> removePartial(BackupRun run) {
    return this.<Void>blocking(() -> {
      run.container.deleteBackup(run.prefix);
      run.container.pruneEmptyDirectories();
      return null;
    }).recover(e -> {
      LOG.warn("could not remove the partial objects of backup {} from {}", run.request.backupId(),
          run.container.dir(), e);
      return Future.succeededFuture();
    });
  }

  // ---------------------------------------------------------------- restore

  @Override
  public Future<Void> restore(StoredBackup backup, VolumeDataClient target) {
    return restorer.restore(backup, target);
  }

  // ---------------------------------------------------------------- delete

  @Override
  public Future<Void> delete(StoredBackup backup) {
    if (backup.container() == null || backup.serviceMetadata() == null) {
      return Future.succeededFuture(); // nothing was ever stored (e.g. the backup failed before its first object)
    }
    PosixContainer container;
    try {
      container = PosixContainer.of(options.backupPath(), backup.container());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return blocking(() -> {
      List<String> deleted = container.deleteBackup(backup.serviceMetadata());
      container.pruneEmptyDirectories();
      LOG.info("deleted backup {}: {} files from {}", backup.backupId(), deleted.size(), container.dir());
      return null;
    });
  }

  // ---------------------------------------------------------------- helpers

  private PosixContainer containerOf(StoredBackup backup) {
    return PosixContainer.of(options.backupPath(), backup);
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
