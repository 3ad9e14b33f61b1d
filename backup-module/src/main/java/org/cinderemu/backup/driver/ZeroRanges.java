package org.cinderemu.backup.driver;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
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
