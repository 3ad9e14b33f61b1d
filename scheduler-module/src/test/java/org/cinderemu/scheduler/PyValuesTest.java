package org.cinderemu.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyValuesTest {

  @Test
  void floatParsesWhatPythonParses() {
    assertThat(PyValues.toFloat(" 1.5 ")).hasValue(1.5);
    assertThat(PyValues.toFloat("1e3")).hasValue(1000.0);
    assertThat(PyValues.toFloat("1_000")).hasValue(1000.0);
    assertThat(PyValues.toFloat(".5")).hasValue(0.5);
    assertThat(PyValues.toFloat("-Infinity").getAsDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(PyValues.toFloat(true)).hasValue(1.0);
    assertThat(PyValues.toFloat(7)).hasValue(7.0);
    assertThat(PyValues.toFloat("abc")).isEmpty();
    assertThat(PyValues.toFloat("1.5d")).isEmpty();
    assertThat(PyValues.toFloat("0x10")).isEmpty();
    assertThat(PyValues.toFloat(null)).isEmpty();
    assertThat(PyValues.toFloat(new JsonObject())).isEmpty();
  }

  @Test
  void strPrintsLikePython() {
    assertThat(PyValues.str(true)).isEqualTo("True");
    assertThat(PyValues.str(null)).isEqualTo("None");
    assertThat(PyValues.str(1000)).isEqualTo("1000");
    assertThat(PyValues.str(1.0)).isEqualTo("1.0");
    assertThat(PyValues.str(20.5)).isEqualTo("20.5");
    assertThat(PyValues.str(1e16)).isEqualTo("1e+16");
    assertThat(PyValues.str(1e15)).isEqualTo("1000000000000000.0");
    assertThat(PyValues.str(0.0001)).isEqualTo("0.0001");
    assertThat(PyValues.str(0.00001)).isEqualTo("1e-05");
    assertThat(PyValues.str(-2.5e-7)).isEqualTo("-2.5e-07");
    assertThat(PyValues.str(new JsonArray(List.of("a", 1)))).isEqualTo("['a', 1]");
    assertThat(PyValues.str(new JsonObject().put("k", false))).isEqualTo("{'k': False}");
  }

  @Test
  void boolFromStringAcceptsOsloTrueWords() {
    for (String t : List.of("1", "t", "TRUE", " yes ", "on", "y")) {
      assertThat(PyValues.boolFromString(t)).as(t).isTrue();
    }
    for (Object f : List.of("0", "false", "nope", "", 1.0)) {
      assertThat(PyValues.boolFromString(f)).as(String.valueOf(f)).isFalse();
    }
    assertThat(PyValues.boolFromString(1)).isTrue();
    assertThat(PyValues.boolFromString(true)).isTrue();
  }

  @Test
  void roundIsHalfEvenOnTheBinaryValue() {
    assertThat(PyValues.round2(2.675)).isEqualTo(2.67); // 2.67499999... in binary, as in CPython
    assertThat(PyValues.round2(0.125)).isEqualTo(0.12);
    assertThat(PyValues.round2(0.375)).isEqualTo(0.38);
    assertThat(PyValues.round2(5.878048780487805)).isEqualTo(5.88);
  }

  @Test
  void equalityFollowsPython() {
    assertThat(PyValues.pyEquals(1, 1.0)).isTrue();
    assertThat(PyValues.pyEquals(true, 1)).isTrue();
    assertThat(PyValues.pyEquals("1", 1)).isFalse();
    assertThat(PyValues.pyEquals(new JsonObject().put("a", 1), new JsonObject().put("a", 1.0))).isTrue();
    assertThat(PyValues.truthy("")).isFalse();
    assertThat(PyValues.truthy("False")).isTrue();
    assertThat(PyValues.truthy(0.0)).isFalse();
  }
}
