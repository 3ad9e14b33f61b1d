package org.cinderemu.common.py;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyLiteralTest {

  @Test
  void dictsKeepOrderAndAcceptATrailingComma() {
    assertThat(PyLiteral.parse("{'b': 1, \"a\": 'x', }")).isEqualTo(Map.of("b", 1L, "a", "x"));
    assertThat(((Map<?, ?>) PyLiteral.parse("{'b': 1, 'a': 2}")).keySet().toString()).isEqualTo("[b, a]");
    assertThat(PyLiteral.parse("{}")).isEqualTo(Map.of());
    assertThat(PyLiteral.parse("{'k': 1, 'k': 2}")).isEqualTo(Map.of("k", 2L));
  }

  @Test
  void listsTuplesAndNesting() {
    assertThat(PyLiteral.parse("[1, [2, 3], {'a': (4, 5)}]"))
        .isEqualTo(List.of(1L, List.of(2L, 3L), Map.of("a", List.of(4L, 5L))));
    assertThat(PyLiteral.parse("()")).isEqualTo(List.of());
    assertThat(PyLiteral.parse("(1,)")).isEqualTo(List.of(1L));
    assertThat(PyLiteral.parse("(1)")).isEqualTo(1L);
    assertThat(PyLiteral.parse(" [ ] ")).isEqualTo(List.of());
  }

  @Test
  void stringsWithEitherQuoteAndQuotesInside() {
    assertThat(PyLiteral.parse("'it\"s'")).isEqualTo("it\"s");
    assertThat(PyLiteral.parse("\"it's\"")).isEqualTo("it's");
    assertThat(PyLiteral.parse("'it\\'s'")).isEqualTo("it's");
    assertThat(PyLiteral.parse("{'k': \"a 'quoted' value\"}")).isEqualTo(Map.of("k", "a 'quoted' value"));
    assertThat(PyLiteral.parse("'''tri'ple'''")).isEqualTo("tri'ple");
    assertThat(PyLiteral.parse("'a' \"b\"")).isEqualTo("ab");
    assertThat(PyLiteral.parse("u'x'")).isEqualTo("x");
    assertThat(PyLiteral.parse("r'a\\n'")).isEqualTo("a\\n");
  }

  @Test
  void escapes() {
    assertThat(PyLiteral.parse("'a\\nb\\t\\\\\\x41\\u00e9\\U0001F600\\101\\0'"))
        .isEqualTo("a\nb\t\\A\u00e9\uD83D\uDE00A\0");
    assertThat(PyLiteral.parse("'\\q'")).isEqualTo("\\q");
  }

  @Test
  void numbers() {
    assertThat(PyLiteral.parse("42")).isEqualTo(42L);
    assertThat(PyLiteral.parse("-7")).isEqualTo(-7L);
    assertThat(PyLiteral.parse("1_000")).isEqualTo(1000L);
    assertThat(PyLiteral.parse("0x1F")).isEqualTo(31L);
    assertThat(PyLiteral.parse("0o17")).isEqualTo(15L);
    assertThat(PyLiteral.parse("0b101")).isEqualTo(5L);
    assertThat(PyLiteral.parse("123456789012345678901234567890"))
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(PyLiteral.parse("1.5")).isEqualTo(1.5);
    assertThat(PyLiteral.parse(".5")).isEqualTo(0.5);
    assertThat(PyLiteral.parse("1e3")).isEqualTo(1000.0);
    assertThat(PyLiteral.parse("-2.5E-1")).isEqualTo(-0.25);
  }

  @Test
  void constants() {
    assertThat(PyLiteral.parse("[True, False, None]")).isEqualTo(Arrays.asList(true, false, null));
  }

  @Test
  void whatLiteralEvalRefusesIsRefused() {
    for (String bad : List.of("", "{'a': 1", "{'a' 1}", "[1 2]", "'open", "true", "null", "foo", "1 2", "012",
        "1__0", "{'a': 1}}", "os.system('x')", "\"a\nb\"", "'\\x4'")) {
      assertThatThrownBy(() -> PyLiteral.parse(bad)).as(bad).isInstanceOf(PyLiteral.SyntaxException.class);
    }
  }

  @Test
  void stringDictsGiveStrValues() {
    assertThat(PyLiteral.parseStringDict("{'k': 'v', 'n': 1, 'b': True, 'z': None}"))
        .containsExactly(Map.entry("k", "v"), Map.entry("n", "1"), Map.entry("b", "True"),
            new java.util.AbstractMap.SimpleEntry<>("z", null));
    assertThatThrownBy(() -> PyLiteral.parseStringDict("['k']")).isInstanceOf(PyLiteral.SyntaxException.class);
  }
}
