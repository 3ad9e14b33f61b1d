package org.cinderemu.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.cinderemu.api.ApiConfig;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

class LinkHostsTest {

  private static ApiConfig config(String... options) {
    CinderConf conf = CinderConf.empty();
    for (int i = 0; i + 1 < options.length; i += 2) {
      conf = conf.with("DEFAULT", options[i], options[i + 1]);
    }
    return ApiConfig.from(conf);
  }

  @Test
  void loopbackNamesAreAlwaysAllowed() {
    ApiConfig c = config();
    for (String host : new String[] {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]"}) {
      assertThat(LinkHosts.allowed(host, c)).as(host).isTrue();
    }
    for (String host : new String[] {"evil.example", "10.0.0.1", "0.0.0.0", "localhost.evil.example", ""}) {
      assertThat(LinkHosts.allowed(host, c)).as(host).isFalse();
    }
  }

  @Test
  void theListenAddressAndThePublicEndpointHostAreAllowed() {
    ApiConfig c = config("osapi_volume_listen", "10.1.2.3", "public_endpoint", "https://Cinder.Example.com:8443/vol");
    assertThat(LinkHosts.allowed("10.1.2.3", c)).isTrue();
    assertThat(LinkHosts.allowed("cinder.example.com", c)).isTrue();
    assertThat(LinkHosts.allowed("other.example.com", c)).isFalse();
  }

  @Test
  void aWildcardListenAddressAllowsNoName() {
    assertThat(LinkHosts.allowed("0.0.0.0", config("osapi_volume_listen", "0.0.0.0"))).isFalse();
    assertThat(LinkHosts.allowed("::", config("osapi_volume_listen", "::"))).isFalse();
  }
}
