package org.cinderemu.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataEtagTest {

  // expected values: hashlib.md5(json.dumps({"metadata": m}).encode()).hexdigest() in CPython 3.11
  @Test
  void equalsTheMd5OfPythonsJsonDumps() {
    assertThat(MetadataEtag.of(Map.of())).isEqualTo("28ea041cc3f26b287319d2de3c107b50");
    assertThat(MetadataEtag.of(Map.of("a", "b"))).isEqualTo("9ee9db81deeab2410feda04edb7e27ad");
    Map<String, String> m = new LinkedHashMap<>();
    m.put("k", "v");
    m.put("x y", "\u00e9\"\\\n\u007f\u2713");
    assertThat(MetadataEtag.of(m)).isEqualTo("6e367013a2d91621b33555cdd3ca50ab");
  }

  @Test
  void ifMatchListsTagsQuotedOrNotAndStarMatchesAll() {
    String tag = "9ee9db81deeab2410feda04edb7e27ad";
    assertThat(MetadataEtag.matches(null, tag)).isTrue();
    assertThat(MetadataEtag.matches(tag, tag)).isTrue();
    assertThat(MetadataEtag.matches("\"x\", W/\"" + tag + "\"", tag)).isTrue();
    assertThat(MetadataEtag.matches("*", tag)).isTrue();
    assertThat(MetadataEtag.matches("28ea041cc3f26b287319d2de3c107b50", tag)).isFalse();
  }
}
