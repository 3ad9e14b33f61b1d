package org.cinderemu.common.rpc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Cinder's RequestContext as it travels in {@code _context_*} keys (docs/cinder-reference.md §3.3). The request id
 * ({@code req-…}) is carried across every hop so that logs of all services line up.
 */
public record RequestContext(
    String userId,
    String projectId,
    boolean isAdmin,
    List<String> roles,
    String requestId,
    String globalRequestId,
    String authToken,
    String remoteAddress,
    String readDeleted,
    String timestamp) {

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  public RequestContext {
    roles = roles == null ? List.of() : List.copyOf(roles);
    readDeleted = readDeleted == null ? "no" : readDeleted;
  }

  public static String newRequestId() {
    return "req-" + UUID.randomUUID();
  }

  public static String now() {
    return LocalDateTime.now(ZoneOffset.UTC).format(TS);
  }

  /** The context a service uses for its own work (heartbeats, cleanups, periodic reports). */
  public static RequestContext admin() {
    return new RequestContext(null, null, true, List.of("admin"), newRequestId(), null, null, null, "no", now());
  }

  /** An API caller's context under noauth: every request is admin (docs/cinder-reference.md §8.1). */
  public static RequestContext user(String userId, String projectId, String requestId, String authToken,
      String remoteAddress) {
    return new RequestContext(userId, projectId, true, List.of("admin"), requestId, null, authToken, remoteAddress,
        "no", now());
  }

  /** The same context with a new request id: for work a service starts on its own behalf. */
  public RequestContext withRequestId(String id) {
    return new RequestContext(userId, projectId, isAdmin, roles, id, globalRequestId, authToken, remoteAddress,
        readDeleted, timestamp);
  }

  /** Cinder's to_dict(), with keys in the order a real Cinder 21 sends them. */
  public JsonObject toDict() {
    String identity = dash(userId) + " " + dash(projectId) + " - - -";
    return new JsonObject()
        .put("user", userId)
        .put("project_id", projectId)
        .put("system_scope", null)
        .put("project", projectId)
        .put("domain", null)
        .put("user_domain", null)
        .put("project_domain", null)
        .put("is_admin", isAdmin)
        .put("read_only", false)
        .put("show_deleted", false)
        .put("auth_token", authToken)
        .put("request_id", requestId)
        .put("global_request_id", globalRequestId)
        .put("resource_uuid", null)
        .put("roles", new JsonArray(roles))
        .put("user_identity", identity)
        .put("is_admin_project", true)
        .put("user_id", userId)
        .put("project_name", null)
        .put("domain_id", null)
        .put("read_deleted", readDeleted)
        .put("remote_address", remoteAddress)
        .put("timestamp", timestamp)
        .put("quota_class", null)
        .put("service_catalog", new JsonArray())
        .put("message_resource_id", null)
        .put("message_resource_type", null)
        .put("message_action", null);
  }

  /** Writes the {@code _context_*} keys into an inner message. */
  public void writeTo(JsonObject inner) {
    toDict().forEach(e -> inner.put("_context_" + e.getKey(), e.getValue()));
  }

  /** Rebuilds a context from an inner message; unknown keys are ignored, as Cinder's from_dict does. */
  public static RequestContext readFrom(JsonObject inner) {
    JsonArray roles = inner.getValue("_context_roles") instanceof JsonArray a ? a : new JsonArray();
    String user = str(inner, "_context_user_id", str(inner, "_context_user", null));
    String project = str(inner, "_context_project_id", str(inner, "_context_project", null));
    Object admin = inner.getValue("_context_is_admin");
    return new RequestContext(user, project, admin instanceof Boolean b && b,
        roles.stream().map(String::valueOf).toList(),
        str(inner, "_context_request_id", newRequestId()),
        str(inner, "_context_global_request_id", null),
        str(inner, "_context_auth_token", null),
        str(inner, "_context_remote_address", null),
        str(inner, "_context_read_deleted", "no"),
        str(inner, "_context_timestamp", now()));
  }

  private static String str(JsonObject o, String key, String dflt) {
    Object v = o.getValue(key);
    return v instanceof String s ? s : dflt;
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }
}
