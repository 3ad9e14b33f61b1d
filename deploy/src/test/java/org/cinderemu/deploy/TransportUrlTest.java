package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransportUrlTest {

  @Test
  void parsesTheSeedLabUrl() {
    TransportUrl url = TransportUrl.parse("rabbit://guest:guest@127.0.0.1:5672/");
    assertThat(url.hosts()).containsExactly(new TransportUrl.HostPort("127.0.0.1", 5672));
    assertThat(url.virtualHost()).isEqualTo("/");
    assertThat(url.masked()).isEqualTo("rabbit://guest:***@127.0.0.1:5672/");
  }

  @Test
  void parsesSeveralHostsDefaultPortsIpv6VhostAndQuery() {
    TransportUrl url = TransportUrl.parse("rabbit://a:p1@h1,b:p2@[::1]:5673,h3:5674/cinder?ssl=1");
    assertThat(url.hosts()).extracting(Object::toString).containsExactly("h1:5672", "[::1]:5673", "h3:5674");
    assertThat(url.virtualHost()).isEqualTo("cinder");
    assertThat(url.masked()).isEqualTo("rabbit://a:***@h1,b:***@[::1]:5673,h3:5674/cinder?ssl=1");
  }

  @Test
  void anEmptyNetlocMeansLocalhost() {
    assertThat(TransportUrl.parse("rabbit://").hosts()).containsExactly(new TransportUrl.HostPort("localhost", 5672));
  }

  @Test
  void rejectsWhatIsNotAUrl() {
    assertThatThrownBy(() -> TransportUrl.parse("127.0.0.1:5672")).isInstanceOf(LaunchException.class);
    assertThatThrownBy(() -> TransportUrl.parse("rabbit://u:secret@h:abc/"))
        .hasMessageContaining("bad port").message().doesNotContain("secret");
  }
}
