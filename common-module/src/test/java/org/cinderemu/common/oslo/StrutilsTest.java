package org.cinderemu.common.oslo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrutilsTest {

  @Test
  void nonStrictIsOslosTrueStringsElseFalse() {
    for (String t : new String[] {"1", "t", "true", "on", "y", "yes", " YES ", "True"}) {
      assertThat(Strutils.boolFromString(t)).as(t).isTrue();
    }
    for (String f : new String[] {"0", "f", "false", "off", "n", "no", "maybe", "", "2"}) {
      assertThat(Strutils.boolFromString(f)).as(f).isFalse();
    }
    assertThat(Strutils.boolFromString(Boolean.TRUE)).isTrue();
    assertThat(Strutils.boolFromString(1)).isTrue();   // str(1) == "1"
    assertThat(Strutils.boolFromString(null)).isFalse();
    assertThat(Strutils.boolFromString("maybe", false, true)).isTrue();
  }

  @Test
  void strictRefusesWithOslosMessage() {
    assertThatThrownBy(() -> Strutils.boolFromString("maybe", true, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', "
            + "'on', 't', 'true', 'y', 'yes'");
    assertThat(Strutils.isBoolString("Off")).isTrue();
    assertThat(Strutils.isBoolString("maybe")).isFalse();
  }
}
