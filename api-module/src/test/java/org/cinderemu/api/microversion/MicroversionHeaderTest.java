package org.cinderemu.api.microversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cinderemu.api.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MicroversionHeaderTest {

  @Test
  void missingHeaderMeansTheMinimum() {
    assertThat(MicroversionHeader.negotiate(List.of())).isEqualTo(new ApiVersion(3, 0));
    assertThat(MicroversionHeader.negotiate(List.of(""))).isEqualTo(ApiVersion.MIN);
  }

  @Test
  void volumeEntryIsPicked() {
    assertThat(MicroversionHeader.negotiate(List.of("volume 3.45"))).isEqualTo(new ApiVersion(3, 45));
    assertThat(MicroversionHeader.negotiate(List.of("compute 2.1, volume 3.7"))).isEqualTo(new ApiVersion(3, 7));
    assertThat(MicroversionHeader.negotiate(List.of("compute 2.1", "volume 3.10"))).isEqualTo(new ApiVersion(3, 10));
    assertThat(MicroversionHeader.negotiate(List.of("compute 2.1"))).isEqualTo(ApiVersion.MIN);
  }

  @Test
  void latestIsTheMaximum() {
    assertThat(MicroversionHeader.negotiate(List.of("volume latest"))).isEqualTo(new ApiVersion(3, 70));
  }

  @Test
  void boundsAreInclusive() {
    assertThat(MicroversionHeader.negotiate(List.of("volume 3.0"))).isEqualTo(ApiVersion.MIN);
    assertThat(MicroversionHeader.negotiate(List.of("volume 3.70"))).isEqualTo(ApiVersion.MAX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"volume 3.71", "volume 2.0", "volume 4.0", "volume 3.700"})
  void outsideTheRangeIs406(String header) {
    assertThatThrownBy(() -> MicroversionHeader.negotiate(List.of(header)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(406))
        .hasMessageMatching("Version \\d+\\.\\d+ is not supported by the API\\. Minimum is 3\\.0 and maximum "
            + "is 3\\.70\\.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"volume 3.x", "volume 3", "volume 3.05", "volume 03.1", "volume -3.1", "volume",
      "volume 3.1 extra"})
  void malformedIs400(String header) {
    assertThatThrownBy(() -> MicroversionHeader.negotiate(List.of(header)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageEndingWith("is of invalid format. Must be of format MajorNum.MinorNum.");
  }

  @Test
  void responseValue() {
    assertThat(MicroversionHeader.responseValue(new ApiVersion(3, 5))).isEqualTo("volume 3.5");
  }

  @Test
  void versionsOrderNumerically() {
    assertThat(ApiVersion.parse("3.9")).isLessThan(ApiVersion.parse("3.10"));
    assertThat(ApiVersion.parse("3.45").isAtLeast("3.45")).isTrue();
    assertThat(ApiVersion.parse("3.44").isAtLeast("3.45")).isFalse();
    assertThat(ApiVersion.parse("3.70").toString()).isEqualTo("3.70");
  }
}
