package org.cinderemu.backup.driver;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.zip.Deflater;
import org.cinderemu.backup.driver.PosixChunkedBackupDriver.Encoded;

/**
 * Most of an emulated volume is never written (a sparse file), so most of a backup is all-zero ranges: their
 * compressed form and digests are computed once per length and reused, byte for byte what hashing and
 * compressing them again would give. Bounded: ranges are whole sha blocks of one object, plus a volume's tail.
 */
final class ZeroRanges {

  private final IntFunction<Encoded> encoder;
  private final IntFunction<String> sha256;
  private final Map<Integer, Encoded> encoded = new ConcurrentHashMap<>();
  private final Map<Integer, String> sha256s = new ConcurrentHashMap<>();
  private final byte[] zeros = new byte[64 * 1024];

  ZeroRanges(IntFunction<Encoded> encoder, IntFunction<String> sha256) {
    this.encoder = encoder;
    this.sha256 = sha256;
  }

  /**
   * Computed by streaming zeros (no array of the range's size): the zlib form (what a zlib backup stores for an
   * all-zero object; its md5 is the data's, whatever the compression) and the sha256 of a block.
   */
  static ZeroRanges computed() {
    byte[] zeros = new byte[64 * 1024];
    return new ZeroRanges(length -> zlibOfZeros(zeros, length), length -> {
      MessageDigest sha = Digests.newDigest("SHA-256");
      feedZeros(zeros, length, (b, n) -> sha.update(b, 0, n));
      return HexFormat.of().formatHex(sha.digest());
    });
  }

  private static Encoded zlibOfZeros(byte[] zeros, int length) {
    MessageDigest md5 = Digests.newDigest("MD5");
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    byte[] out = new byte[64 * 1024];
    Deflater deflater = new Deflater();
    try {
      feedZeros(zeros, length, (b, n) -> {
        md5.update(b, 0, n);
        deflater.setInput(b, 0, n);
        while (!deflater.needsInput()) {
          stored.write(out, 0, deflater.deflate(out));
        }
      });
      deflater.finish();
      while (!deflater.finished()) {
        stored.write(out, 0, deflater.deflate(out));
      }
    } finally {
      deflater.end();
    }
    byte[] bytes = stored.toByteArray();
    return new Encoded(bytes, Compression.ZLIB, HexFormat.of().formatHex(md5.digest()),
        Digests.sha256(bytes, 0, bytes.length));
  }

  private interface PieceConsumer {
    void accept(byte[] piece, int length);
  }

  private static void feedZeros(byte[] zeros, long length, PieceConsumer consumer) {
    for (long left = length; left > 0; left -= zeros.length) {
      consumer.accept(zeros, (int) Math.min(zeros.length, left));
    }
  }

  /** 64 KiB of zeros, to feed digests and compressors with (never written to). */
  byte[] block() {
    return zeros;
  }

  /** The md5 of {@code length} zero bytes. */
  String md5(int length) {
    return encoded(length).md5();
  }

  boolean isZero(byte[] data, int from, int length) {
    for (int pos = from, end = from + length; pos < end; pos += zeros.length) {
      int n = Math.min(zeros.length, end - pos);
      if (Arrays.mismatch(data, pos, pos + n, zeros, 0, n) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** The stored form of {@code length} zero bytes. */
  Encoded encoded(int length) {
    return encoded.computeIfAbsent(length, encoder::apply);
  }

  /** The sha256 of {@code length} zero bytes. */
  String sha256(int length) {
    return sha256s.computeIfAbsent(length, sha256::apply);
  }
}
