package org.cinderemu.deploy.it;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a volume should hold: zeros (a new volume) with the writes a test made, in order, so a test knows the
 * sha256 of the whole volume without reading it back.
 */
final class ExpectedImage {

  private record Write(long offset, byte[] data) {
  }

  private final long size;
  private final List<Write> writes = new ArrayList<>();

  ExpectedImage(long size) {
    this.size = size;
  }

  ExpectedImage write(long offset, byte[] data) {
    if (offset < 0 || offset + data.length > size) {
      throw new IllegalArgumentException("write outside the volume");
    }
    writes.add(new Write(offset, data.clone()));
    return this;
  }

  String sha256() throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    int piece = 1 << 20;
    byte[] buf = new byte[piece];
    for (long pos = 0; pos < size; pos += piece) {
      int n = (int) Math.min(piece, size - pos);
      java.util.Arrays.fill(buf, (byte) 0);
      for (Write w : writes) {
        long from = Math.max(pos, w.offset());
        long to = Math.min(pos + n, w.offset() + w.data().length);
        if (from < to) {
          System.arraycopy(w.data(), (int) (from - w.offset()), buf, (int) (from - pos), (int) (to - from));
        }
      }
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
