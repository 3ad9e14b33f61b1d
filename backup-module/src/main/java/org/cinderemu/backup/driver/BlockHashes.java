package org.cinderemu.backup.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * The sha256 of every {@code backup_sha_block_size_bytes} block of a range, fed piece by piece. Every piece holds
 * whole blocks, except the range's last (a volume's tail), so no block spans two pieces.
 */
final class BlockHashes {

  private final int blockSize;
  private final ZeroRanges zeros;
  private final List<String> shas = new ArrayList<>();

  BlockHashes(int blockSize, ZeroRanges zeros) {
    this.blockSize = blockSize;
    this.zeros = zeros;
  }

  /** {@code zero}: the piece is known to be all zeros (its blocks' digests come from the cache). */
  void accept(byte[] piece, int length, boolean zero) {
    for (int pos = 0; pos < length; pos += blockSize) {
      int n = Math.min(blockSize, length - pos);
      shas.add(zero ? zeros.sha256(n) : Digests.sha256(piece, pos, n));
    }
  }

  List<String> shas() {
    return shas;
  }
}
