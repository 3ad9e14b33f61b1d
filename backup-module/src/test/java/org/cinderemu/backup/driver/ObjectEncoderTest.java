package org.cinderemu.backup.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A range fed in pieces is stored, digested and read back exactly as the whole range would be. */
class ObjectEncoderTest {

  private static final int PIECE = 64 * 1024;
  private static final int BLOCK = 16 * 1024;
  private static final String NAME = "volume_v1_20261201000000_backup_b1-00001";

  @TempDir
  Path base;

  private final ZeroRanges zeros = ZeroRanges.computed();

  @Test
  void dataAfterALeadingZeroRunIsDigestedAndCompressedAsAWhole() throws Exception {
    byte[] range = new byte[5 * PIECE + 1000]; // a tail piece shorter than the others
    Arrays.fill(range, 3 * PIECE + 17, 3 * PIECE + 4000, (byte) 7);
    PosixContainer container = PosixContainer.of(base, "c");

    ObjectEncoder.Result result = encode(container, range, Compression.ZLIB);

    assertThat(result.compression()).isEqualTo(Compression.ZLIB);
    assertThat(result.md5()).isEqualTo(Digests.md5(range, 0, range.length));
    byte[] stored = Files.readAllBytes(container.pathOf(NAME));
    assertThat(result.sha256()).isEqualTo(Digests.sha256(stored, 0, stored.length));
    assertThat(Compression.ZLIB.decompress(stored, range.length)).isEqualTo(range);
    assertThat(result.blockShas()).isEqualTo(blockShas(range));
    assertThat(readBack(container, object(result, range.length))).isEqualTo(range);
  }

  @Test
  void anAllZeroRangeIsStoredFromTheCacheWithTheSameDigests() throws Exception {
    byte[] range = new byte[4 * PIECE];
    PosixContainer container = PosixContainer.of(base, "c");

    ObjectEncoder.Result result = encode(container, range, Compression.ZLIB);

    assertThat(result.md5()).isEqualTo(Digests.md5(range, 0, range.length));
    byte[] stored = Files.readAllBytes(container.pathOf(NAME));
    assertThat(Compression.ZLIB.decompress(stored, range.length)).isEqualTo(range);
    assertThat(result.blockShas()).isEqualTo(blockShas(range));
    assertThat(readBack(container, object(result, range.length))).isEqualTo(range);
  }

  @Test
  void incompressibleDataIsRefusedUnderZlibLeavingNothingAndStoredAsIsWithoutCompression() throws Exception {
    byte[] range = new byte[3 * PIECE];
    new Random(1).nextBytes(range);
    PosixContainer container = PosixContainer.of(base, "c");

    assertThat(encode(container, range, Compression.ZLIB)).isNull();
    try (var files = Files.list(container.dir())) {
      assertThat(files).isEmpty();
    }
    ObjectEncoder.Result result = encode(container, range, Compression.NONE);
    assertThat(Files.readAllBytes(container.pathOf(NAME))).isEqualTo(range);
    assertThat(result.md5()).isEqualTo(Digests.md5(range, 0, range.length));
    assertThat(readBack(container, object(result, range.length))).isEqualTo(range);
  }

  @Test
  void aReaderRefusesAnObjectWhoseDataDiffersFromItsMd5() throws Exception {
    byte[] range = new byte[2 * PIECE];
    range[5] = 1;
    PosixContainer container = PosixContainer.of(base, "c");
    ObjectEncoder.Result result = encode(container, range, Compression.ZLIB);
    BackupObject wrongMd5 = new BackupObject(NAME, 0, range.length, "zlib", Digests.md5(new byte[1], 0, 1),
        result.sha256());

    try (ObjectReader reader = ObjectReader.open(container, wrongMd5, "the object", PIECE)) {
      assertThatThrownBy(() -> reader.verify(zeros)).isInstanceOf(BackupCorruptedException.class)
          .hasMessageContaining("md5");
    }
  }

  private ObjectEncoder.Result encode(PosixContainer container, byte[] range, Compression compression)
      throws Exception {
    try (ObjectEncoder encoder = new ObjectEncoder(compression, BLOCK, zeros, () -> container.create(NAME))) {
      for (int pos = 0; pos < range.length; pos += PIECE) {
        int n = Math.min(PIECE, range.length - pos);
        encoder.accept(Arrays.copyOfRange(range, pos, pos + n), n);
      }
      return encoder.finish(container, NAME);
    }
  }

  private static BackupObject object(ObjectEncoder.Result result, int length) {
    return new BackupObject(NAME, 0, length, result.compression().metadataName(), result.md5(), result.sha256());
  }

  private byte[] readBack(PosixContainer container, BackupObject object) throws Exception {
    try (ObjectReader reader = ObjectReader.open(container, object, "the object", PIECE)) {
      reader.verify(zeros);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectReader reader = ObjectReader.open(container, object, "the object", PIECE)) {
      for (byte[] p = reader.next(); p != null; p = reader.next()) {
        out.write(p);
      }
    }
    return out.toByteArray();
  }

  private static List<String> blockShas(byte[] range) {
    List<String> shas = new ArrayList<>();
    for (int pos = 0; pos < range.length; pos += BLOCK) {
      shas.add(Digests.sha256(range, pos, Math.min(BLOCK, range.length - pos)));
    }
    return shas;
  }
}
