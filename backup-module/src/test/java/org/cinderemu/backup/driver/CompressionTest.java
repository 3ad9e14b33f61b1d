package org.cinderemu.backup.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

class CompressionTest {

  @Test
  void zlibReadsWhatPythonsZlibWrites() throws Exception {
    // python3 -c "import zlib; print(zlib.compress(b'hello').hex())"
    byte[] fromPython = HexFormat.of().parseHex("789ccb48cdc9c90700062c0215");
    assertThat(new String(Compression.ZLIB.decompress(fromPython, 5), StandardCharsets.US_ASCII)).isEqualTo("hello");
    assertThat(Compression.ZLIB.compress("hello".getBytes(StandardCharsets.US_ASCII), 0, 5)).isEqualTo(fromPython);
  }

  @Test
  void roundTripsAndInsistsOnTheRecordedLength() throws Exception {
    byte[] data = new byte[100_000];
    new Random(5).nextBytes(data);
    for (int i = 0; i < 50_000; i++) {
      data[i] = 0;
    }
    byte[] packed = Compression.ZLIB.compress(data, 10, 90_000);
    assertThat(packed.length).isLessThan(90_000);
    byte[] unpacked = Compression.ZLIB.decompress(packed, 90_000);
    assertThat(unpacked).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 90_010));

    assertThatThrownBy(() -> Compression.ZLIB.decompress(packed, 89_999)).isInstanceOf(DataFormatException.class);
    assertThatThrownBy(() -> Compression.ZLIB.decompress(packed, 90_001)).isInstanceOf(DataFormatException.class);
    assertThatThrownBy(() -> Compression.NONE.decompress(new byte[3], 4)).isInstanceOf(DataFormatException.class);
  }

  @Test
  void namesFollowCinderOptions() {
    assertThat(Compression.fromOption("zlib")).isEqualTo(Compression.ZLIB);
    assertThat(Compression.fromOption("GZIP")).isEqualTo(Compression.ZLIB);
    assertThat(Compression.fromOption("none")).isEqualTo(Compression.NONE);
    assertThat(Compression.fromOption("off")).isEqualTo(Compression.NONE);
    assertThat(Compression.fromMetadata(null)).isEqualTo(Compression.NONE);
    assertThatThrownBy(() -> Compression.fromOption("bz2")).hasMessageContaining("bz2");
  }
}
