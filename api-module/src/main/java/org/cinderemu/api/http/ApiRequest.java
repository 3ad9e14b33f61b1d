package org.cinderemu.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cinderemu.api.ApiConfig;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.api.paging.CollectionLinks;
import org.cinderemu.api.paging.Pagination;
import org.cinderemu.api.paging.QueryParams;
import org.cinderemu.api.validation.Schema;
import org.cinderemu.api.views.ResourceLinks;

/**
 * What an {@link ApiHandler} sees of a request: the caller's {@link ApiContext}, path and query parameters, the
 * already-parsed JSON body, and the URLs Cinder builds links from.
 */
public final class ApiRequest {

  private final RoutingContext routing;
  private final ApiContext context;
  private final ApiConfig config;
  private final Object body;
  private List<Map.Entry<String, String>> query;

  ApiRequest(RoutingContext routing, ApiContext context, ApiConfig config, Object body) {
    this.routing = routing;
    this.context = context;
    this.config = config;
    this.body = body;
  }

  public ApiContext context() {
    return context;
  }

  public ApiVersion microversion() {
    return context.microversion();
  }

  /** A {@code :name} segment of the route path, URL-decoded; null when the route has none. */
  public String pathParam(String name) {
    return routing.pathParam(name);
  }

  /** Query parameters in request order, case preserved (webob's {@code req.GET}). */
  public List<Map.Entry<String, String>> query() {
    if (query == null) {
      query = QueryParams.parse(routing.request().query());
    }
    return query;
  }

  /** The first value of a query parameter, or null. */
  public String queryParam(String name) {
    return QueryParams.first(query(), name);
  }

  /**
   * The decoded JSON body: a {@link JsonObject}, {@link JsonArray}, String, Number, Boolean, or null when the
   * request had none. Malformed JSON never reaches a handler (400 "Malformed request body").
   */
  public Object body() {
    return body;
  }

  /** Validates the body against a Cinder-style schema whose top level is an object, then returns it. */
  public JsonObject validBody(Schema schema) {
    schema.validate(body);
    if (!(body instanceof JsonObject json)) {
      throw ApiException.badRequest("Malformed request body");
    }
    return json;
  }

  /** {@code limit}, {@code marker}, {@code offset}, {@code sort} from the query, capped by osapi_max_limit. */
  public Pagination pagination() {
    return Pagination.from(query(), config.maxLimit());
  }

  /** {@code http://host:8776}: scheme and (allowed) Host header of the request, as webob's {@code host_url}. */
  public String hostUrl() {
    return RequestUrls.hostUrl(routing.request(), config);
  }

  /** {@code [DEFAULT] public_endpoint}, when set. */
  public Optional<String> publicEndpoint() {
    return config.publicEndpoint();
  }

  /** {@code http://host:8776/v3}, after X-Forwarded-Host and public_endpoint. */
  public String applicationUrl() {
    return RequestUrls.applicationUrl(routing.request(), config);
  }

  /** {@code [{"rel":"self",...},{"rel":"bookmark",...}]} for one item of {@code collection}. */
  public JsonArray itemLinks(String collection, String id) {
    return ResourceLinks.of(applicationUrl(), context.projectId(), collection, id);
  }

  /**
   * {@code <collection>_links} for a page: a "next" link when the page is full, else empty.
   *
   * @param totalCount the with_count total when known, else null
   */
  public JsonArray nextLinks(String collection, Pagination page, int returned, Integer totalCount,
      String lastId) {
    return CollectionLinks.next(applicationUrl(), context.projectId(), collection, query(), page.limit(),
        returned, totalCount, lastId);
  }

  /** Escape hatch for what this class does not cover; prefer the methods above. */
  public RoutingContext routingContext() {
    return routing;
  }
}
