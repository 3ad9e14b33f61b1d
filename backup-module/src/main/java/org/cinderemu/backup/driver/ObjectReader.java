package org.cinderemu.backup.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.InflaterInputStream;

/**
 * Reads one stored backup object's volume bytes piece by piece, decompressing as it goes, and can check it
 * against its metadata ({@link #verify}) without holding more than a piece. Blocking (worker threads).
 */
final class ObjectReader implements AutoCloseable {

  private final BackupObject object;
  private final String where;
  private final InputStream file;
  private final DigestInputStream stored;
  private final InputStream data;
  private final byte[] piece;
  private long read;

  private ObjectReader(BackupObject object, String where, InputStream file, int pieceBytes) {
    this.object = object;
    this.where = where;
    this.file = file;
    this.stored = new DigestInputStream(file, Digests.newDigest("SHA-256"));
    this.data = Compression.fromMetadata(object.compression()) == Compression.NONE ? stored
        : new InflaterInputStream(stored);
    this.piece = new byte[(int) Math.min(pieceBytes, Math.max(1, object.length()))];
  }

  /** @param where names the object in errors */
  static ObjectReader open(PosixContainer container, BackupObject object, String where, int pieceBytes)
      throws IOException {
    try {
      return new ObjectReader(object, where, container.open(object.name()), pieceBytes);
    } catch (NoSuchFileException e) {
      throw new BackupCorruptedException(where + " is missing", e);
    } catch (IllegalArgumentException e) {
      throw new BackupCorruptedException(where + " cannot be decompressed: " + e.getMessage(), e);
    }
  }

  /** The next piece of the object's volume bytes (valid until the next call), or null after the last. */
  byte[] next() throws IOException {
    long left = object.length() - read;
    if (left <= 0) {
      return null;
    }
    int want = (int) Math.min(piece.length, left);
    int got;
    try {
      got = data.readNBytes(piece, 0, want);
    } catch (IOException e) {
      throw new BackupCorruptedException(where + " cannot be decompressed: " + e.getMessage(), e);
    }
    if (got < want) {
      throw new BackupCorruptedException(where + " cannot be decompressed: it holds " + (read + got)
          + " bytes, expected " + object.length());
    }
    read += got;
    return got == piece.length ? piece : Arrays.copyOf(piece, got);
  }

  /**
   * Reads the whole object and checks the stored bytes' sha256 first, then that they decompress to exactly the
   * object's length with the recorded md5; a {@link BackupCorruptedException} names what is off.
   */
  void verify(ZeroRanges zeros) throws IOException {
    MessageDigest md5 = Digests.newDigest("MD5");
    long zeroRun = 0;
    boolean allZero = true;
    BackupCorruptedException decodeError = null;
    try {
      for (byte[] p = next(); p != null; p = next()) {
        boolean zero = zeros.isZero(p, 0, p.length);
        if (zero && allZero) {
          zeroRun += p.length; // md5 of a leading zero run is fed only if data follows
          continue;
        }
        if (allZero) {
          feedZeros(md5, zeros.block(), zeroRun);
          allZero = false;
        }
        md5.update(p);
      }
      if (data.read() >= 0) {
        throw new BackupCorruptedException(where + " cannot be decompressed: it holds more than "
            + object.length() + " bytes");
      }
    } catch (BackupCorruptedException e) {
      decodeError = e;
    }
    stored.transferTo(OutputStream.nullOutputStream()); // the sha256 covers the whole file
    String sha = HexFormat.of().formatHex(stored.getMessageDigest().digest());
    if (object.sha256() != null && !sha.equals(object.sha256())) {
      throw new BackupCorruptedException(where + " is corrupted: sha256 " + sha + " differs from the recorded "
          + object.sha256());
    }
    if (decodeError != null) {
      throw decodeError;
    }
    String actual = allZero ? zeros.md5((int) object.length()) : HexFormat.of().formatHex(md5.digest());
    if (object.md5() != null && !actual.equals(object.md5())) {
      throw new BackupCorruptedException(where + " is corrupted: md5 of its data differs from the recorded "
          + object.md5());
    }
  }

  private static void feedZeros(MessageDigest md, byte[] zeros, long n) {
    for (long left = n; left > 0; left -= zeros.length) {
      md.update(zeros, 0, (int) Math.min(zeros.length, left));
    }
  }

  @Override
  public void close() throws IOException {
    data.close();
    file.close();
  }
}
