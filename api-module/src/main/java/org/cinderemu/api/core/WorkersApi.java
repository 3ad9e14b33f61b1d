package org.cinderemu.api.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.CleanupRequest;
import org.cinderemu.common.objects.Worker;
import org.cinderemu.common.oslo.Strutils;
import org.cinderemu.common.rpc.api.SchedulerRpcApi.CleanupAnswer;

/**
 * {@code POST /workers/cleanup} (cinder/api/v3/workers.py, 3.24; docs/cinder-reference.md §9.2): turns the body into
 * a CleanupRequest and asks the scheduler ({@code work_cleanup}, a call) which services it sent a cleanup to.
 */
public final class WorkersApi {

  private static final List<String> CLEANABLE = List.of(Worker.VOLUME, Worker.SNAPSHOT);

  private final Database db;
  private final ApiEnvironment env;

  public WorkersApi(ApiEnvironment env) {
    this.env = env;
    this.db = env.db();
  }

  /** {@code body} passed the schema; resource_type is title-cased and checked, a lone resource_id located. */
  public Future<CleanupAnswer> cleanup(ApiContext ctx, JsonObject body) {
    String resourceType = body.getValue("resource_type") instanceof String t && !t.isEmpty() ? title(t) : null;
    if (resourceType != null && !CLEANABLE.contains(resourceType)) {
      throw ApiException.invalidInput("Resource type " + resourceType + " not valid, must be "
          + String.join(" or ", CLEANABLE));
    }
    String resourceId = body.getString("resource_id");
    Integer serviceId = body.getInteger("service_id");
    String host = body.getString("host");
    String clusterName = body.getString("cluster_name");
    Future<CleanupRequest> request;
    if (resourceId != null && !body.containsKey("service_id") && !body.containsKey("cluster_name")
        && !body.containsKey("host")) {
      // without a location, the resource's own workers row says which service to clean
      request = db.workers().list().map(rows -> {
        List<Worker> mine = rows.stream().filter(w -> w.resourceId().equals(resourceId)
            && (resourceType == null || resourceType.equals(w.resourceType()))).toList();
        if (mine.isEmpty()) {
          throw ApiException.invalidInput("There is no resource with UUID " + resourceId + " pending cleanup.");
        }
        if (mine.size() > 1) {
          throw ApiException.invalidInput("There are multiple resources with UUID " + resourceId
              + " pending cleanup.  Please be more specific.");
        }
        return build(body, mine.get(0).serviceId(), host, clusterName, resourceId, mine.get(0).resourceType());
      });
    } else {
      request = Future.succeededFuture(build(body, serviceId, host, clusterName, resourceId, resourceType));
    }
    return request.compose(r -> ApiErrors.translated(env.scheduler().workCleanup(RpcContexts.from(ctx), r)));
  }

  private CleanupRequest build(JsonObject body, Integer serviceId, String host, String clusterName,
      String resourceId, String resourceType) {
    return new CleanupRequest(serviceId, clusterName, host, body.getString("binary"), flag(body, "is_up", false),
        flag(body, "disabled", null), resourceId, resourceType, db.now());
  }

  /** oslo's bool_from_string of a flag; absent or null: {@code absent} (is_up's default is false, as Cinder's). */
  private static Boolean flag(JsonObject body, String key, Boolean absent) {
    Object v = body.getValue(key);
    if (v == null) {
      return absent;
    }
    return v instanceof Boolean b ? b : Strutils.boolFromString(String.valueOf(v));
  }

  private static String title(String s) {
    return s.substring(0, 1).toUpperCase() + s.substring(1).toLowerCase();
  }
}
