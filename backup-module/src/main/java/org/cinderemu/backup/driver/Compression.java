package org.cinderemu.backup.driver;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Chunk compression, named as Cinder's {@code backup_compression_algorithm} and the metadata's
 * {@code compression} field. zlib here is the zlib stream Python's {@code zlib.compress} writes.
 */
public enum Compression {
  NONE("none"),
  ZLIB("zlib");

  private final String metadataName;

  Compression(String metadataName) {
    this.metadataName = metadataName;
  }

  public String metadataName() {
    return metadataName;
  }

  /** Parses {@code backup_compression_algorithm}; Cinder's bz2 and zstd are not emulated. */
  public static Compression fromOption(String value) {
    String v = value == null ? "none" : value.strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "", "none", "off", "no" -> NONE;
      case "zlib", "gzip" -> ZLIB;
      default -> throw new IllegalArgumentException("backup_compression_algorithm '" + value
          + "' is not supported by the emulator (zlib, gzip, none)");
    };
  }

  /** Parses a chunk's {@code compression} field (Cinder writes null or "none" for stored-as-is chunks). */
  public static Compression fromMetadata(String value) {
    return fromOption(value);
  }

  public byte[] compress(byte[] data, int offset, int length) {
    if (this == NONE) {
      byte[] copy = new byte[length];
      System.arraycopy(data, offset, copy, 0, length);
      return copy;
    }
    Deflater deflater = new Deflater();
    try {
      deflater.setInput(data, offset, length);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 4));
      byte[] buf = new byte[64 * 1024];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /** Restores exactly {@code expectedLength} bytes; anything else means the object is not what was stored. */
  public byte[] decompress(byte[] stored, int expectedLength) throws DataFormatException {
    if (this == NONE) {
      if (stored.length != expectedLength) {
        throw new DataFormatException("stored " + stored.length + " bytes, expected " + expectedLength);
      }
      return stored;
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(stored);
      byte[] out = new byte[expectedLength];
      int n = 0;
      while (n < expectedLength && !inflater.finished()) {
        int got = inflater.inflate(out, n, expectedLength - n);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DataFormatException("zlib stream ends after " + n + " of " + expectedLength + " bytes");
        }
        n += got;
      }
      // the stream must end exactly here: more output would mean a different chunk
      if (n != expectedLength || !inflater.finished() && inflater.inflate(new byte[1]) > 0) {
        throw new DataFormatException("zlib stream does not hold exactly " + expectedLength + " bytes");
      }
      return out;
    } finally {
      inflater.end();
    }
  }
}
