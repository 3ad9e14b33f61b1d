package org.cinderemu.api.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

  @Test
  void parseKeepsOrderCaseRepeatsAndBlanks() {
    assertThat(QueryParams.parse("b=2&A=1&b=3&flag&e=")).containsExactly(
        Map.entry("b", "2"), Map.entry("A", "1"), Map.entry("b", "3"), Map.entry("flag", ""), Map.entry("e", ""));
    assertThat(QueryParams.parse(null)).isEmpty();
  }

  @Test
  void parseDecodesLikeUnquotePlus() {
    assertThat(QueryParams.parse("name=a+b%2Fc&x=100%")).containsExactly(
        Map.entry("name", "a b/c"), Map.entry("x", "100%"));
  }

  @Test
  void firstValueWins() {
    assertThat(QueryParams.first(QueryParams.parse("a=1&a=2"), "a")).isEqualTo("1");
    assertThat(QueryParams.first(List.of(), "a")).isNull();
  }

  @Test
  void encodeLikeUrlencode() {
    assertThat(QueryParams.encode(List.of(Map.entry("k", "a b/c:d~é"))))
        .isEqualTo("k=a+b%2Fc%3Ad~%C3%A9");
  }
}
