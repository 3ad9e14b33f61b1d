package org.cinderemu.api.views;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.cinderemu.api.microversion.ApiVersion;

/** The versions document of cinder/api/versions.py (only v3.0 is served, as in Zed). */
public final class VersionsView {

  /** Cinder Zed's {@code UPDATED} for the 3.70 maximum. */
  public static final String UPDATED = "2022-08-31T00:00:00Z";

  private VersionsView() {
  }

  /**
   * @param baseUrl the server root, e.g. {@code http://h:8776} (a trailing {@code /vN} is stripped, as
   *     Cinder's {@code _get_base_url_without_version} does)
   */
  public static JsonObject document(String baseUrl) {
    String root = baseUrl.replaceFirst("v[1-9]+/?$", "");
    String self = (root.endsWith("/") ? root : root + "/") + "v3/";
    JsonObject v3 = new JsonObject()
        .put("id", "v3.0")
        .put("status", "CURRENT")
        .put("version", ApiVersion.MAX.toString())
        .put("min_version", ApiVersion.MIN.toString())
        .put("updated", UPDATED)
        .put("links", new JsonArray()
            .add(new JsonObject().put("rel", "describedby").put("type", "text/html")
                .put("href", "https://docs.openstack.org/"))
            .add(new JsonObject().put("rel", "self").put("href", self)))
        .put("media-types", new JsonArray()
            .add(new JsonObject().put("base", "application/json")
                .put("type", "application/vnd.openstack.volume+json;version=3")));
    return new JsonObject().put("versions", new JsonArray().add(v3));
  }
}
