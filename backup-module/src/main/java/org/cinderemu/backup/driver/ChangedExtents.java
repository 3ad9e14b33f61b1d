package org.cinderemu.backup.driver;

import java.util.ArrayList;
import java.util.List;

/** Which ranges of a chunk an incremental backup must store: runs of sha blocks that differ from the parent's. */
final class ChangedExtents {

  /** A range inside the chunk. */
  record Extent(int offset, int length) {
  }

  private ChangedExtents() {
  }

  /**
   * @param chunkShas the chunk's block hashes, in order
   * @param parentShas the parent's hashes for the whole volume (shorter if the volume grew since)
   * @param firstBlock index of the chunk's first block in the volume
   */
  static List<Extent> of(List<String> chunkShas, List<String> parentShas, long firstBlock, int blockSize,
      int chunkLength) {
    List<Extent> extents = new ArrayList<>();
    int runStart = -1;
    for (int i = 0; i <= chunkShas.size(); i++) {
      boolean changed = i < chunkShas.size() && differs(chunkShas.get(i), parentShas, firstBlock + i);
      if (changed && runStart < 0) {
        runStart = i;
      } else if (!changed && runStart >= 0) {
        int from = runStart * blockSize;
        int to = Math.min(chunkLength, i * blockSize);
        extents.add(new Extent(from, to - from));
        runStart = -1;
      }
    }
    return extents;
  }

  private static boolean differs(String sha, List<String> parentShas, long block) {
    return block >= parentShas.size() || !parentShas.get((int) block).equals(sha);
  }
}
