package org.cinderemu.backup.driver;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import org.cinderemu.backup.driver.PosixChunkedBackupDriver.Encoded;

/**
 * Encodes one backup object from its volume range fed piece by piece: the sha256 of each block, the md5 of the
 * data, the compressed bytes streamed into the object's {@link PartFile} and their sha256. Only one piece is in
 * memory. A leading run of zero pieces is not digested or compressed until non-zero data follows: an object
 * that stays all zeros takes its stored form and digests from {@link ZeroRanges} instead. Blocking (worker
 * threads), one caller at a time.
 */
final class ObjectEncoder implements AutoCloseable {

  /** What was stored: the metadata's fields, the stored size and the range's block hashes. */
  record Result(Compression compression, String md5, String sha256, long storedBytes, List<String> blockShas) {
  }

  /** Opens the object's file when the first non-zero bytes need it. */
  @FunctionalInterface
  interface Sink {
    PartFile open() throws IOException;
  }

  private static final HexFormat HEX = HexFormat.of();

  private final Compression compression;
  private final ZeroRanges zeros;
  private final Sink sink;
  private final BlockHashes blocks;
  private final MessageDigest md5 = Digests.newDigest("MD5");
  private final MessageDigest storedSha = Digests.newDigest("SHA-256");
  private final Deflater deflater;
  private final byte[] out = new byte[64 * 1024];
  private PartFile file;
  private long length;
  private long pendingZeros;
  private boolean committed;

  ObjectEncoder(Compression compression, int blockSize, ZeroRanges zeros, Sink sink) {
    this.compression = compression;
    this.zeros = zeros;
    this.sink = sink;
    this.blocks = new BlockHashes(blockSize, zeros);
    this.deflater = compression == Compression.ZLIB ? new Deflater() : null;
  }

  void accept(byte[] piece, int n) throws IOException {
    boolean zero = zeros.isZero(piece, 0, n);
    blocks.accept(piece, n, zero);
    length += n;
    if (zero && pendingZeros == length - n) {
      pendingZeros += n; // still in the leading zero run
      return;
    }
    flushZeros();
    feed(piece, n);
  }

  /**
   * Ends the object: an all-zero one of a zlib backup is written from the cache; otherwise the stream is finished
   * and the file committed under its final name. Null, with nothing stored, if compression did not make the
   * object smaller (Cinder then stores it as is: encode it again without compression).
   */
  Result finish(PosixContainer container, String name) throws IOException {
    if (pendingZeros == length && compression == Compression.ZLIB) {
      Encoded cached = zeros.encoded((int) length);
      if (cached.stored().length >= length) {
        return null;
      }
      container.write(name, cached.stored());
      committed = true;
      return new Result(cached.compression(), cached.md5(), cached.sha256(), cached.stored().length, blocks.shas());
    }
    flushZeros();
    if (deflater != null) {
      deflater.finish();
      while (!deflater.finished()) {
        emit(out, deflater.deflate(out));
      }
    }
    PartFile f = file();
    long stored = f.written();
    if (deflater != null && stored >= length) {
      return null;
    }
    f.commit();
    committed = true;
    return new Result(compression, HEX.formatHex(md5.digest()), HEX.formatHex(storedSha.digest()), stored,
        blocks.shas());
  }

  @Override
  public void close() throws IOException {
    if (deflater != null) {
      deflater.end();
    }
    if (file != null && !committed) {
      file.discard();
    }
  }

  private void flushZeros() throws IOException {
    byte[] z = zeros.block();
    while (pendingZeros > 0) {
      int n = (int) Math.min(z.length, pendingZeros);
      feed(z, n);
      pendingZeros -= n;
    }
  }

  private void feed(byte[] data, int n) throws IOException {
    md5.update(data, 0, n);
    if (deflater == null) {
      emit(data, n);
      return;
    }
    deflater.setInput(data, 0, n);
    while (!deflater.needsInput()) {
      emit(out, deflater.deflate(out));
    }
  }

  private void emit(byte[] bytes, int n) throws IOException {
    if (n > 0) {
      storedSha.update(bytes, 0, n);
      file().write(bytes, 0, n);
    }
  }

  private PartFile file() throws IOException {
    if (file == null) {
      file = sink.open();
    }
    return file;
  }
}
