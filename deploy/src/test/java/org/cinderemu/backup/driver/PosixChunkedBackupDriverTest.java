package org.cinderemu.backup.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cinderemu.common.data.VolumeDataClient;
import org.cinderemu.volume.data.InMemoryDataStore;
import org.cinderemu.volume.data.SparseFileDataStore;
import org.cinderemu.volume.data.VolumeDataServer;
import org.cinderemu.volume.data.VolumeDataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The driver end to end: bytes go from a volume store through the real data endpoint and client into posix
 * backup files and back into another volume, once per store.
 */
// lives in deploy because it drives the real volume data endpoint: service modules never depend on each other
class PosixChunkedBackupDriverTest {

  enum StoreKind { SPARSE_FILE, IN_MEMORY }

  private static final int MIB = 1 << 20;
  private static final int CHUNK = MIB;
  private static final long SIZE = 3L * MIB + 100 * 1024; // last chunk and last sha block are partial
  private static final String BACKUP_ID = "4b77d14d-5ea8-4611-b990-5db5be35131e";
  private static final String VOLUME_ID = "48244dcc-0662-410b-9124-77aa7fd73d45";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T13:07:20Z"), ZoneOffset.UTC);
  private static final String PREFIX = "volume_" + VOLUME_ID + "_20261125130720_backup_" + BACKUP_ID;

  @TempDir
  Path root;

  private Vertx vertx;
  private VolumeDataStore store;
  private VolumeDataServer server;
  private Path backupPath;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    backupPath = root.resolve("backup");
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private void start(StoreKind kind) throws Exception {
    store = kind == StoreKind.SPARSE_FILE ? new SparseFileDataStore(vertx, root.resolve("volumes"))
        : new InMemoryDataStore();
    server = await(new VolumeDataServer(vertx, store, "127.0.0.1", 0).start());
  }

  private PosixChunkedBackupDriver driver(Compression compression) {
    return new PosixChunkedBackupDriver(vertx,
        new PosixBackupOptions(backupPath, CHUNK, 32 * 1024, compression, null), CLOCK);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(60, TimeUnit.SECONDS);
  }

  private VolumeDataClient attach(String volumeId) throws Exception {
    return VolumeDataClient.open(vertx, await(server.initializeConnection(volumeId)));
  }

  /** A volume with random data at the start of chunk 0 and all over chunk 2, zeros elsewhere. */
  private void createSource(String volumeId) throws Exception {
    await(store.create(volumeId, SIZE));
    await(store.write(volumeId, 0, random(1, 300_000)));
    await(store.write(volumeId, 2L * MIB, random(2, MIB)));
  }

  private static Buffer random(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return Buffer.buffer(bytes);
  }

  private String sha256Of(String volumeId) throws Exception {
    long size = await(store.size(volumeId));
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(await(store.read(volumeId, 0, (int) size)).getBytes()));
  }

  private Path containerDir() {
    return backupPath.resolve("4b/77/" + BACKUP_ID);
  }

  private BackupRequest request() {
    return new BackupRequest(BACKUP_ID, VOLUME_ID, null, "anchor-bk", null,
        LocalDateTime.of(2026, 11, 25, 13, 7, 20), null);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void restoresTheSameBytesIntoAnotherVolume(StoreKind kind) throws Exception {
    start(kind);
    createSource(VOLUME_ID);
    PosixChunkedBackupDriver driver = driver(Compression.ZLIB);

    BackupResult result = await(driver.backup(request(), attach(VOLUME_ID)));

    assertThat(result.container()).isEqualTo("4b/77/" + BACKUP_ID);
    assertThat(result.serviceMetadata()).isEqualTo(PREFIX);
    assertThat(result.objectCount()).isEqualTo(4);
    assertThat(result.sizeGb()).isEqualTo(1);
    assertThat(result.service()).isEqualTo("cinder.backup.drivers.posix.PosixBackupDriver");
    assertThat(fileNames(containerDir())).containsExactlyInAnyOrder(PREFIX + "-00001", PREFIX + "-00002",
        PREFIX + "-00003", PREFIX + "-00004", PREFIX + "_metadata", PREFIX + "_sha256file");

    JsonObject metadata = readJson(PREFIX + "_metadata");
    assertThat(metadata.getString("backup_id")).isEqualTo(BACKUP_ID);
    assertThat(metadata.getString("volume_id")).isEqualTo(VOLUME_ID);
    assertThat(metadata.getValue("parent_id")).isNull();
    JsonArray objects = metadata.getJsonArray("objects");
    assertThat(objects).hasSize(4);
    JsonObject last = objects.getJsonObject(3).getJsonObject(PREFIX + "-00004");
    assertThat(last.getLong("offset")).isEqualTo(3L * MIB);
    assertThat(last.getInteger("length")).isEqualTo(100 * 1024);
    assertThat(last.getString("compression")).isEqualTo("zlib"); // zeros compress
    // random data does not: kept as is, as Cinder does
    assertThat(objects.getJsonObject(2).getJsonObject(PREFIX + "-00003").getString("compression")).isEqualTo("none");
    assertThat(last.getString("md5")).hasSize(32);
    assertThat(last.getString("sha256")).hasSize(64);
    JsonObject shaFile = readJson(PREFIX + "_sha256file");
    assertThat(shaFile.getInteger("chunk_size")).isEqualTo(32 * 1024);
    assertThat(shaFile.getJsonArray("sha256s")).hasSize((int) ((SIZE + 32 * 1024 - 1) / (32 * 1024)));

    await(store.create("restored", SIZE));
    await(driver.restore(result.stored(), attach("restored")));
    assertThat(sha256Of("restored")).isEqualTo(sha256Of(VOLUME_ID));

    // into a bigger volume as well, but never into a smaller one
    await(store.create("bigger", SIZE + MIB));
    await(driver.restore(result.stored(), attach("bigger")));
    assertThat(await(store.read("bigger", 2L * MIB, MIB))).isEqualTo(random(2, MIB));
    await(store.create("smaller", SIZE - 1));
    assertThatThrownBy(() -> await(driver.restore(result.stored(), attach("smaller"))))
        .hasMessageContaining("needs " + SIZE);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aCorruptedChunkFailsTheRestoreBeforeItIsWritten(StoreKind kind) throws Exception {
    start(kind);
    createSource(VOLUME_ID);
    PosixChunkedBackupDriver driver = driver(Compression.ZLIB);
    BackupResult result = await(driver.backup(request(), attach(VOLUME_ID)));

    Path third = containerDir().resolve(PREFIX + "-00003");
    byte[] bytes = Files.readAllBytes(third);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(third, bytes);

    await(store.create("restored", SIZE));
    assertThatThrownBy(() -> await(driver.restore(result.stored(), attach("restored"))))
        .isInstanceOf(BackupCorruptedException.class)
        .hasMessageContaining(PREFIX + "-00003")
        .hasMessageContaining("sha256");
    // the chunk before it went back, the bad one did not
    assertThat(await(store.read("restored", 0, 300_000))).isEqualTo(random(1, 300_000));
    assertThat(await(store.read("restored", 2L * MIB, MIB)).getBytes()).containsOnly(0);

    Files.delete(containerDir().resolve(PREFIX + "-00001"));
    assertThatThrownBy(() -> await(driver.restore(result.stored(), attach("restored"))))
        .isInstanceOf(BackupCorruptedException.class)
        .hasMessageContaining(PREFIX + "-00001").hasMessageContaining("missing");
  }

  @Test
  void aChunkAlteredConsistentlyIsStillCaughtByItsMd5() throws Exception {
    start(StoreKind.IN_MEMORY);
    createSource(VOLUME_ID);
    PosixChunkedBackupDriver driver = driver(Compression.NONE);
    BackupResult result = await(driver.backup(request(), attach(VOLUME_ID)));

    // rewrite an object and its recorded sha256, as a Cinder-made backup without sha256 would allow
    Path second = containerDir().resolve(PREFIX + "-00002");
    byte[] bytes = Files.readAllBytes(second);
    bytes[0] ^= 0x7f;
    Files.write(second, bytes);
    JsonObject metadata = readJson(PREFIX + "_metadata");
    metadata.getJsonArray("objects").getJsonObject(1).getJsonObject(PREFIX + "-00002").remove("sha256");
    Files.writeString(containerDir().resolve(PREFIX + "_metadata"), metadata.encode());

    await(store.create("restored", SIZE));
    assertThatThrownBy(() -> await(driver.restore(result.stored(), attach("restored"))))
        .isInstanceOf(BackupCorruptedException.class)
        .hasMessageContaining(PREFIX + "-00002").hasMessageContaining("md5");
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void deleteRemovesTheObjectsAndTheDirectories(StoreKind kind) throws Exception {
    start(kind);
    createSource(VOLUME_ID);
    PosixChunkedBackupDriver driver = driver(Compression.ZLIB);
    BackupResult result = await(driver.backup(request(), attach(VOLUME_ID)));
    assertThat(containerDir()).isDirectory();

    await(driver.delete(result.stored()));

    assertThat(containerDir()).doesNotExist();
    assertThat(backupPath.resolve("4b")).doesNotExist();
    assertThat(backupPath).isEmptyDirectory();
    await(driver.delete(result.stored())); // again: nothing left, still fine
    await(driver.delete(new StoredBackup("never-stored", null, null)));
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void incrementalBackupsStoreOnlyChangedBlocksAndRestoreTheChain(StoreKind kind) throws Exception {
    start(kind);
    createSource(VOLUME_ID);
    PosixChunkedBackupDriver driver = driver(Compression.ZLIB);
    BackupResult full = await(driver.backup(request(), attach(VOLUME_ID)));
    String originalSha = sha256Of(VOLUME_ID);

    // change 10 bytes in chunk 1, then grow the volume by 64 KiB with data at its end
    await(store.write(VOLUME_ID, MIB + 1_000, Buffer.buffer("0123456789")));
    await(store.extend(VOLUME_ID, SIZE + 64 * 1024));
    await(store.write(VOLUME_ID, SIZE + 60 * 1024, random(3, 4 * 1024)));
    String changedSha = sha256Of(VOLUME_ID);

    String childId = "9abb05ac-7efc-4479-86df-e4e1d125d485";
    BackupResult incremental = await(driver.backup(new BackupRequest(childId, VOLUME_ID, null, "inc", null, null,
        full.stored()), attach(VOLUME_ID)));

    // one object for the changed block, one for the tail: old partial block + the new 64 KiB
    assertThat(incremental.objectCount()).isEqualTo(2);
    JsonObject childMeta = new JsonObject(Files.readString(backupPath.resolve(incremental.container())
        .resolve(incremental.serviceMetadata() + "_metadata")));
    assertThat(childMeta.getString("parent_id")).isEqualTo(BACKUP_ID);
    assertThat(childMeta.getString("parent_container")).isEqualTo(full.container());
    long storedLength = childMeta.getJsonArray("objects").stream()
        .mapToLong(o -> ((JsonObject) o).getJsonObject(((JsonObject) o).fieldNames().iterator().next())
            .getLong("length"))
        .sum();
    assertThat(storedLength).isEqualTo(32 * 1024 + (100 * 1024 - 96 * 1024) + 64 * 1024);

    await(store.create("from-incremental", SIZE + 64 * 1024));
    await(driver.restore(incremental.stored(), attach("from-incremental")));
    assertThat(sha256Of("from-incremental")).isEqualTo(changedSha);

    await(store.create("from-full", SIZE));
    await(driver.restore(full.stored(), attach("from-full")));
    assertThat(sha256Of("from-full")).isEqualTo(originalSha);

    // deleting the child leaves the parent whole
    await(driver.delete(incremental.stored()));
    await(store.delete("from-full"));
    await(store.create("from-full", SIZE));
    await(driver.restore(full.stored(), attach("from-full")));
    assertThat(sha256Of("from-full")).isEqualTo(originalSha);
  }

  @Test
  void aFailedBackupLeavesNoObjectsBehind() throws Exception {
    start(StoreKind.IN_MEMORY);
    createSource(VOLUME_ID);
    // a directory where object 2 should go makes its write fail after object 1 was stored
    Files.createDirectories(containerDir().resolve(PREFIX + "-00002"));

    assertThatThrownBy(() -> await(driver(Compression.ZLIB).backup(request(), attach(VOLUME_ID))))
        .hasMessageContaining(PREFIX + "-00002");

    assertThat(fileNames(containerDir())).isEmpty();
  }

  @Test
  void prepareNamesTheLocationWithoutWritingAnything() throws Exception {
    start(StoreKind.IN_MEMORY);
    StoredBackup location = await(driver(Compression.ZLIB).prepare(request()));
    assertThat(location).isEqualTo(new StoredBackup(BACKUP_ID, "4b/77/" + BACKUP_ID, PREFIX));
    assertThat(backupPath).doesNotExist();
  }

  @Test
  void anInterruptedChunkWriteLeavesNoFinalNamedFileAndTheMetadataComesLast() throws Exception {
    start(StoreKind.IN_MEMORY);
    createSource(VOLUME_ID);
    Map<String, List<String>> onDiskAtRename = new ConcurrentHashMap<>();
    // each rename sees what a crash at that instant would leave; the one of object 3 never happens
    AtomicFileWriter crashing = new AtomicFileWriter(part -> {
      String name = part.getFileName().toString();
      onDiskAtRename.put(name, fileNames(part.getParent()));
      if (name.startsWith(PREFIX + "-00003")) {
        throw new IOException("killed before the rename of " + name);
      }
    });
    PosixChunkedBackupDriver driver = driver(Compression.ZLIB);

    assertThatThrownBy(() -> await(driver.withWriter(crashing).backup(request(), attach(VOLUME_ID))))
        .hasMessageContaining("killed before the rename");

    assertThat(onDiskAtRename.get(PREFIX + "-00003.part")).containsExactlyInAnyOrder(PREFIX + "-00001",
        PREFIX + "-00002", PREFIX + "-00003.part");
    assertThat(fileNames(containerDir())).isEmpty(); // and the failed backup removed its own files

    // on a complete run the metadata is written after every object and the sha256 file are in place
    onDiskAtRename.clear();
    AtomicFileWriter watching = new AtomicFileWriter(part -> onDiskAtRename.put(part.getFileName().toString(),
        fileNames(part.getParent())));
    await(driver.withWriter(watching).backup(request(), attach(VOLUME_ID)));
    assertThat(onDiskAtRename.get(PREFIX + "_metadata.part")).containsExactlyInAnyOrder(PREFIX + "-00001",
        PREFIX + "-00002", PREFIX + "-00003", PREFIX + "-00004", PREFIX + "_sha256file", PREFIX + "_metadata.part");
  }

  @Test
  void aDeleteRemovesWhatABackupKilledMidWriteLeft() throws Exception {
    start(StoreKind.IN_MEMORY);
    Files.createDirectories(containerDir());
    Files.write(containerDir().resolve(PREFIX + "-00001"), new byte[] {1});
    Files.write(containerDir().resolve(PREFIX + "-00002.part"), new byte[] {2});

    await(driver(Compression.ZLIB).delete(new StoredBackup(BACKUP_ID, "4b/77/" + BACKUP_ID, PREFIX)));

    assertThat(backupPath).isEmptyDirectory();
  }

  @Test
  void anIncrementalNeedsItsParentsFiles() throws Exception {
    start(StoreKind.IN_MEMORY);
    createSource(VOLUME_ID);
    StoredBackup ghost = new StoredBackup("ghost", "gh/os/ghost", "volume_x_20260101000000_backup_ghost");
    assertThatThrownBy(() -> await(driver(Compression.ZLIB).backup(request().incrementalOf(ghost),
        attach(VOLUME_ID)))).isInstanceOf(BackupCorruptedException.class).hasMessageContaining("ghost");
  }

  @Test
  void refusesContainersOutsideTheBackupDirectory() throws Exception {
    start(StoreKind.IN_MEMORY);
    createSource(VOLUME_ID);
    BackupRequest escaping = new BackupRequest(BACKUP_ID, VOLUME_ID, "../../etc", null, null, null, null);
    assertThatThrownBy(() -> await(driver(Compression.ZLIB).backup(escaping, attach(VOLUME_ID))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(root.resolve("etc")).doesNotExist();
  }

  private JsonObject readJson(String name) throws Exception {
    return new JsonObject(Files.readString(containerDir().resolve(name), StandardCharsets.UTF_8));
  }

  private static List<String> fileNames(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
    }
  }
}
