package org.cinderemu.api.views;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.cinderemu.api.http.RequestUrls;

/** An item's {@code links} as Cinder's ViewBuilder {@code _get_links} writes them. */
public final class ResourceLinks {

  private ResourceLinks() {
  }

  /**
   * @param applicationUrl {@code http://h:8776/v3}
   * @return {@code [{"rel":"self","href":".../v3/<project>/<collection>/<id>"},
   *     {"rel":"bookmark","href":".../<project>/<collection>/<id>"}]}
   */
  public static JsonArray of(String applicationUrl, String projectId, String collection, String id) {
    return new JsonArray()
        .add(new JsonObject().put("rel", "self").put("href", self(applicationUrl, projectId, collection, id)))
        .add(new JsonObject().put("rel", "bookmark")
            .put("href", bookmark(applicationUrl, projectId, collection, id)));
  }

  public static String self(String applicationUrl, String projectId, String collection, String id) {
    return RequestUrls.join(applicationUrl, projectId, collection, id);
  }

  public static String bookmark(String applicationUrl, String projectId, String collection, String id) {
    return RequestUrls.join(RequestUrls.removeVersion(applicationUrl), projectId, collection, id);
  }
}
