package org.cinderemu.backup.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ZeroRangesTest {

  private final AtomicInteger encodings = new AtomicInteger();
  private final ZeroRanges zeros = new ZeroRanges(
      length -> {
        encodings.incrementAndGet();
        return new PosixChunkedBackupDriver.Encoded(new byte[] {1}, Compression.ZLIB, "md5-" + length,
            "sha-" + length);
      },
      length -> "block-" + length);

  @Test
  void findsANonZeroByteAnywhereInTheRange() {
    byte[] data = new byte[200_000];
    assertThat(zeros.isZero(data, 0, data.length)).isTrue();
    data[150_001] = 3; // beyond the first 64 KiB compared at once
    assertThat(zeros.isZero(data, 0, data.length)).isFalse();
    assertThat(zeros.isZero(data, 0, 150_001)).isTrue();
    assertThat(zeros.isZero(data, 150_001, 1)).isFalse();
    assertThat(zeros.isZero(data, 150_002, 49_998)).isTrue();
  }

  @Test
  void encodesEachLengthOnce() {
    assertThat(zeros.encoded(4096).md5()).isEqualTo("md5-4096");
    assertThat(zeros.encoded(4096)).isSameAs(zeros.encoded(4096));
    assertThat(zeros.encoded(100).md5()).isEqualTo("md5-100");
    assertThat(encodings).hasValue(2);
    assertThat(zeros.sha256(32768)).isEqualTo("block-32768");
  }
}
