package org.cinderemu.api.paging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinderemu.api.http.RequestUrls;

/** The {@code <collection>_links} "next" link of Cinder's ViewBuilder {@code _get_collection_links}. */
public final class CollectionLinks {

  private CollectionLinks() {
  }

  /**
   * A next link when the page is full ({@code limit <= count}), else an empty array (callers then omit the
   * key). The link repeats the request's query with {@code marker} replaced by the last item's id.
   *
   * @param applicationUrl {@code http://h:8776/v3}
   * @param collection path under the project, e.g. {@code volumes} (Cinder uses it for detail lists too)
   * @param totalCount with_count total if known, else null (the page size is used, as in Cinder)
   */
  public static JsonArray next(String applicationUrl, String projectId, String collection,
      List<Map.Entry<String, String>> query, int limit, int returned, Integer totalCount, String lastId) {
    int itemCount = totalCount != null && totalCount != 0 ? totalCount : returned;
    JsonArray links = new JsonArray();
    if (returned > 0 && limit <= itemCount) {
      links.add(new JsonObject().put("rel", "next")
          .put("href", nextHref(applicationUrl, projectId, collection, query, lastId)));
    }
    return links;
  }

  static String nextHref(String applicationUrl, String projectId, String collection,
      List<Map.Entry<String, String>> query, String lastId) {
    // webob's params["marker"] = id: drops every marker, appends the new one
    List<Map.Entry<String, String>> params = new ArrayList<>();
    for (Map.Entry<String, String> e : query) {
      if (!e.getKey().equals("marker")) {
        params.add(e);
      }
    }
    params.add(Map.entry("marker", lastId));
    return RequestUrls.join(applicationUrl, projectId, collection) + "?" + QueryParams.encode(params);
  }
}
