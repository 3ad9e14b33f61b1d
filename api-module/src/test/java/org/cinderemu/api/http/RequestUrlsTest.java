package org.cinderemu.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.cinderemu.api.views.ResourceLinks;
import org.cinderemu.api.views.VersionsView;
import org.junit.jupiter.api.Test;

class RequestUrlsTest {

  @Test
  void publicEndpointReplacesSchemeAndHostAndPrefixesPath() {
    assertThat(RequestUrls.withPublicEndpoint("http://10.0.0.1:8776/v3", Optional.of("https://cinder.example.com/")))
        .isEqualTo("https://cinder.example.com/v3");
    assertThat(RequestUrls.withPublicEndpoint("http://10.0.0.1:8776/v3",
        Optional.of("https://api.example.com/volume"))).isEqualTo("https://api.example.com/volume/v3");
    assertThat(RequestUrls.withPublicEndpoint("http://h/v3", Optional.empty())).isEqualTo("http://h/v3");
  }

  @Test
  void removeVersionDropsTheFirstVersionSegment() {
    assertThat(RequestUrls.removeVersion("http://h:8776/v3")).isEqualTo("http://h:8776");
    assertThat(RequestUrls.removeVersion("http://h:8776/v3/abc/volumes")).isEqualTo("http://h:8776/abc/volumes");
    assertThat(RequestUrls.removeVersion("http://h/volume/v3.0/x")).isEqualTo("http://h/volume/x");
  }

  @Test
  void joinLikeOsPathJoin() {
    assertThat(RequestUrls.join("http://h/v3", "p", "volumes")).isEqualTo("http://h/v3/p/volumes");
    assertThat(RequestUrls.join("http://h/v3/", "p")).isEqualTo("http://h/v3/p");
  }

  @Test
  void itemLinksAreSelfAndBookmark() {
    assertThat(ResourceLinks.of("http://h:8776/v3", "p1", "volumes", "id1").encode()).isEqualTo(
        "[{\"rel\":\"self\",\"href\":\"http://h:8776/v3/p1/volumes/id1\"},"
            + "{\"rel\":\"bookmark\",\"href\":\"http://h:8776/p1/volumes/id1\"}]");
  }

  @Test
  void versionsSelfLinkIgnoresAVersionSuffix() {
    String self = "http://h:8776/v3/";
    for (String base : new String[] {"http://h:8776", "http://h:8776/", "http://h:8776/v3", "http://h:8776/v3/"}) {
      assertThat(VersionsView.document(base).getJsonArray("versions").getJsonObject(0).getJsonArray("links")
          .getJsonObject(1).getString("href")).as(base).isEqualTo(self);
    }
  }
}
