package org.cinderemu.common.py;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PyReprTest {

  @Test
  void scalars() {
    assertThat(PyRepr.repr(null)).isEqualTo("None");
    assertThat(PyRepr.repr(true)).isEqualTo("True");
    assertThat(PyRepr.repr(false)).isEqualTo("False");
    assertThat(PyRepr.repr(42)).isEqualTo("42");
    assertThat(PyRepr.repr(new BigInteger("123456789012345678901234567890")))
        .isEqualTo("123456789012345678901234567890");
  }

  @Test
  void floatsPrintLikePython() {
    assertThat(PyRepr.repr(1.0)).isEqualTo("1.0");
    assertThat(PyRepr.repr(1.5)).isEqualTo("1.5");
    assertThat(PyRepr.repr(100.0)).isEqualTo("100.0");
    assertThat(PyRepr.repr(1e20)).isEqualTo("1e+20");
    assertThat(PyRepr.repr(1.5e-7)).isEqualTo("1.5e-07");
  }

  @Test
  void stringsQuoteLikePython() {
    assertThat(PyRepr.repr("abc")).isEqualTo("'abc'");
    assertThat(PyRepr.repr("it's")).isEqualTo("\"it's\"");
    assertThat(PyRepr.repr("a'b\"c")).isEqualTo("'a\\'b\"c'");
    assertThat(PyRepr.repr("back\\slash\n")).isEqualTo("'back\\\\slash\\n'");
    assertThat(PyRepr.repr("é")).isEqualTo("'é'");
    assertThat(PyRepr.str("abc")).isEqualTo("abc");
  }

  @Test
  void containers() {
    assertThat(PyRepr.repr(new JsonObject().put("a", 1).put("b", new JsonArray().add("x").addNull())))
        .isEqualTo("{'a': 1, 'b': ['x', None]}");
    assertThat(PyRepr.str(new JsonObject())).isEqualTo("{}");
  }
}
