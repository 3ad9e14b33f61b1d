package org.cinderemu.backup.driver;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hex digests a backup's metadata records: md5 of the volume bytes, sha256 of the stored object. */
final class Digests {

  private static final HexFormat HEX = HexFormat.of();

  private Digests() {
  }

  static String sha256(byte[] data, int from, int length) {
    return digest("SHA-256", data, from, length);
  }

  static String md5(byte[] data, int from, int length) {
    return digest("MD5", data, from, length);
  }

  private static String digest(String algorithm, byte[] data, int from, int length) {
    MessageDigest md = newDigest(algorithm);
    md.update(data, from, length);
    return HEX.formatHex(md.digest());
  }

  /** A fresh digest for data fed piece by piece. */
  static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " missing from the JDK", e);
    }
  }
}
