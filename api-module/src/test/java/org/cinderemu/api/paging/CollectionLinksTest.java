package org.cinderemu.api.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CollectionLinksTest {

  private static final String APP = "http://h:8776/v3";
  private static final String PROJECT = "abc123";

  private static JsonArray next(String query, int limit, int returned, Integer total) {
    return CollectionLinks.next(APP, PROJECT, "volumes", QueryParams.parse(query), limit, returned, total,
        "last-id");
  }

  @Test
  void fullPageGetsANextLinkWithTheMarkerReplaced() {
    assertThat(next("limit=2&marker=old&status=available", 2, 2, null)).isEqualTo(new JsonArray().add(
        new JsonObject().put("rel", "next")
            .put("href", "http://h:8776/v3/abc123/volumes?limit=2&status=available&marker=last-id")));
  }

  @Test
  void queryIsReEncodedLikeUrlencode() {
    assertThat(next("limit=1&sort=name:asc,id&name=a b", 1, 1, null).getJsonObject(0).getString("href"))
        .isEqualTo("http://h:8776/v3/abc123/volumes?limit=1&sort=name%3Aasc%2Cid&name=a+b&marker=last-id");
  }

  @Test
  void shortPageHasNoNextLink() {
    assertThat(next("limit=5", 5, 3, null)).isEmpty();
    assertThat(next("", 1000, 0, null)).isEmpty();
  }

  @Test
  void totalCountDecidesWhenKnown() {
    assertThat(next("limit=5", 5, 3, 10)).hasSize(1);
    assertThat(next("limit=5", 5, 3, 0)).isEmpty();
  }
}
