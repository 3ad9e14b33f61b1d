package org.cinderemu.backup.driver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import org.cinderemu.common.data.VolumeDataClient;

/**
 * Reads a volume range through its data client piece by piece, each piece handled on a worker thread before
 * the next is asked for: a transfer holds one piece, whatever the chunk size.
 */
final class PieceReader {

  /** Volume data moves in pieces of about this size (whole sha blocks). */
  static final int PIECE_BYTES = 4 << 20;

  /** Takes one piece of a range; runs on a worker thread. */
  @FunctionalInterface
  interface PieceHandler {
    void accept(byte[] piece, int length) throws IOException;
  }

  private final Vertx vertx;
  private final int pieceBytes;

  /** Pieces hold whole {@code shaBlockSize} blocks, so that no sha block spans two pieces. */
  PieceReader(Vertx vertx, int shaBlockSize) {
    this.vertx = vertx;
    this.pieceBytes = shaBlockSize >= PIECE_BYTES ? shaBlockSize : PIECE_BYTES / shaBlockSize * shaBlockSize;
  }

  int pieceBytes() {
    return pieceBytes;
  }

  /** Reads {@code [offset, offset + length)}. */
  Future<Void> read(VolumeDataClient source, long offset, long length, PieceHandler handler) {
    if (length <= 0) {
      return Future.succeededFuture();
    }
    int n = (int) Math.min(pieceBytes, length);
    return source.read(offset, n)
        .compose(piece -> vertx.executeBlocking(() -> {
          handler.accept(piece.getBytes(), n);
          return null;
        }, false))
        .compose(v -> read(source, offset + n, length - n, handler));
  }
}
