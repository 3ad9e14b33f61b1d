package org.cinderemu.scheduler.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.scheduler.filters.ExtraSpecsOps.match;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every operator of docs/cinder-reference.md §6.3. */
class ExtraSpecsOpsTest {

  @Test
  void plainValueIsStringEquality() {
    assertThat(match("lvm", "lvm")).isTrue();
    assertThat(match("lvm", "LVM")).isFalse();
    assertThat(match("a b", "a b")).isTrue();
    // Python compares True == "True": never equal, hence '<is>'
    assertThat(match(true, "True")).isFalse();
    assertThat(match(10, "10")).isFalse();
    assertThat(match(null, "x")).isFalse();
  }

  @Test
  void nullRequirementMatchesOnlyNull() {
    assertThat(match(null, null)).isTrue();
    assertThat(match("x", null)).isFalse();
  }

  @Test
  void singleEqualsIsNumericAtLeast() {
    assertThat(match(10, "= 5")).isTrue();
    assertThat(match(5, "= 5")).isTrue();
    assertThat(match(4, "= 5")).isFalse();
    assertThat(match("10", "= 10")).isTrue();
    assertThat(match(2.5, "= 2.25")).isTrue();
    assertThat(match("abc", "= 1")).isFalse();
    assertThat(match(null, "= 1")).isFalse();
  }

  @Test
  void numericComparisons() {
    assertThat(match(5, "== 5")).isTrue();
    assertThat(match(5.0, "== 5")).isTrue();
    assertThat(match(6, "== 5")).isFalse();
    assertThat(match(5, "!= 6")).isTrue();
    assertThat(match(5, "!= 5")).isFalse();
    assertThat(match(5, ">= 5")).isTrue();
    assertThat(match(4, ">= 5")).isFalse();
    assertThat(match(5, "<= 5")).isTrue();
    assertThat(match(6, "<= 5")).isFalse();
    assertThat(match("x", "!= 5")).isFalse();
  }

  @Test
  void stringComparisons() {
    assertThat(match("abc", "s== abc")).isTrue();
    assertThat(match("abd", "s== abc")).isFalse();
    assertThat(match("abd", "s!= abc")).isTrue();
    assertThat(match("abc", "s!= abc")).isFalse();
    assertThat(match("abb", "s< abc")).isTrue();
    assertThat(match("abc", "s< abc")).isFalse();
    assertThat(match("abc", "s<= abc")).isTrue();
    assertThat(match("abd", "s> abc")).isTrue();
    assertThat(match("abc", "s> abc")).isFalse();
    assertThat(match("abc", "s>= abc")).isTrue();
    assertThat(match("abb", "s>= abc")).isFalse();
    // a number is never equal to a string, and cannot be ordered against one
    assertThat(match(1, "s== 1")).isFalse();
    assertThat(match(1, "s!= 1")).isTrue();
    assertThat(match(1, "s< 2")).isFalse();
  }

  @Test
  void inIsSubstringOrMembership() {
    assertThat(match("iSCSI,FC", "<in> FC")).isTrue();
    assertThat(match("abc", "<in> x")).isFalse();
    assertThat(match(new JsonArray(List.of("a", "b")), "<in> b")).isTrue();
    assertThat(match(new JsonObject().put("k", 1), "<in> k")).isTrue();
    assertThat(match(12, "<in> 1")).isFalse();
  }

  @Test
  void isComparesBooleans() {
    assertThat(match(true, "<is> True")).isTrue();
    assertThat(match(false, "<is> True")).isFalse();
    assertThat(match(false, "<is> False")).isTrue();
    assertThat(match("true", "<is> True")).isTrue();
    assertThat(match("yes", "<is> true")).isTrue();
    assertThat(match(1, "<is> True")).isTrue();
    assertThat(match("nope", "<is> False")).isTrue();
  }

  @Test
  void orMatchesAnyAlternative() {
    assertThat(match("a", "<or> a <or> b")).isTrue();
    assertThat(match("b", "<or> a <or> b")).isTrue();
    assertThat(match("c", "<or> a <or> b <or> c")).isTrue();
    assertThat(match("d", "<or> a <or> b")).isFalse();
    assertThat(match(1, "<or> 1 <or> 2")).isFalse();
    assertThat(match("a", "<or>")).isFalse();
  }

  @Test
  void operatorWithoutOperandNeverMatches() {
    assertThat(match(5, "==")).isFalse();
    assertThat(match("x", "<in>")).isFalse();
  }
}
