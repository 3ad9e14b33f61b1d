package org.cinderemu.api.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.ServiceRepository;
import org.cinderemu.common.host.HostString;
import org.cinderemu.common.objects.Service;

/** {@code os-services} (cinder/api/contrib/services.py): listing with up/down state, enable and disable. */
public final class ServicesApi {

  private final Database db;
  private final ApiEnvironment env;

  /** One listed service with what the API computed about it. */
  public record Entry(Service service, boolean up, LocalDateTime lastSeen, String backendState) {
  }

  public ServicesApi(ApiEnvironment env) {
    this.env = env;
    this.db = env.db();
  }

  /**
   * Services matching {@code host} (Cinder's host levels) and {@code binary}; with {@code withBackendState}
   * (3.49+) the scheduler is asked for its pools to report each volume backend's {@code backend_state}.
   */
  public Future<List<Entry>> list(ApiContext ctx, String host, String binary, boolean withBackendState) {
    Future<Map<String, String>> states = withBackendState ? backendStates(ctx) : Future.succeededFuture(Map.of());
    return db.services().list(host, binary).compose(services -> states.map(backend -> {
      LocalDateTime now = db.now();
      List<Entry> out = new ArrayList<>();
      for (Service s : services) {
        LocalDateTime last = s.updatedAt();
        if (s.modifiedAt() != null && (last == null || s.modifiedAt().isAfter(last))) {
          last = s.modifiedAt();
        }
        boolean up = ServiceRepository.isUpForApi(s, now, env.options().serviceDownTime());
        out.add(new Entry(s, up, last, backend.get(s.host())));
      }
      return out;
    }));
  }

  private Future<Map<String, String>> backendStates(ApiContext ctx) {
    return env.scheduler().getPools(RpcContexts.from(ctx), new JsonObject()).map(pools -> {
      Map<String, String> states = new HashMap<>();
      for (Object p : pools) {
        if (p instanceof JsonObject pool && pool.getString("name") != null) {
          JsonObject caps = pool.getJsonObject("capabilities", new JsonObject());
          Object state = caps.getValue("backend_state", "up");
          states.put(HostString.extract(pool.getString("name")), String.valueOf(state));
        }
      }
      return states;
    });
  }

  /**
   * Enables or disables the service {@code binary} on exactly {@code host}; {@code reason} is written when
   * not null (enable clears it), left alone otherwise. 404 when there is no such service.
   */
  public Future<Service> setDisabled(String host, String binary, boolean disabled, boolean setReason,
      String reason) {
    return db.services().findByHostAndBinary(host, binary).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ApiException.notFound("Service " + binary + " could not be found on host "
            + host + "."));
      }
      Service s = found.get();
      Future<Boolean> update = setReason ? db.services().setDisabled(s.id(), disabled, reason)
          : db.services().setDisabled(s.id(), disabled);
      return update.compose(v -> db.services().get(s.id()));
    });
  }

  /**
   * {@code PUT /os-services/freeze} / {@code thaw} (cinder/volume/api.py freeze_host, thaw_host): the backend's
   * cluster (when the host is a member of one) or service gets {@code frozen} by compare-and-set, then the
   * service is called to mark itself disabled (reason {@code frozen}) or enabled again
   * (docs/cinder-reference.md §9.3). Thaw answers false when the backend reported an error.
   */
  public Future<Boolean> setFrozen(ApiContext ctx, String host, String cluster, boolean frozen) {
    String binary = org.cinderemu.common.rpc.api.ServiceTopic.VOLUME.topic();
    Future<List<Service>> found = cluster != null ? db.services().listByCluster(cluster, binary)
        : db.services().list(host, binary);
    return found.compose(services -> {
      if (services.isEmpty()) {
        return Future.failedFuture(ApiException.notFound(host != null ? "No service found with host=" + host
            : "No service found with cluster=" + cluster));
      }
      Service first = services.get(0);
      String clusterName = first.clusterName();
      // a host must name one service (a member stands for its cluster), a cluster the members of one cluster
      boolean one = services.stream().allMatch(s -> cluster != null
          ? java.util.Objects.equals(clusterName, s.clusterName()) : first.host().equals(s.host()));
      if (!one) {
        return Future.failedFuture(ApiException.badRequest("Services from different clusters found."));
      }
      Future<Boolean> flipped = clusterName != null
          ? db.clusters().find(clusterName, binary).compose(c -> c.isEmpty() ? Future.succeededFuture(false)
              : db.clusters().setFrozen(c.get().id(), frozen))
          : db.services().setFrozen(first.id(), frozen);
      return flipped.compose(ok -> {
        if (!ok) {
          return Future.failedFuture(ApiException.invalidInput(frozen ? "Host is already Frozen."
              : "Host is NOT Frozen."));
        }
        var rpc = RpcContexts.from(ctx);
        return ApiErrors.translated(frozen ? env.volumes().freezeHost(rpc, first)
            : env.volumes().thawHost(rpc, first));
      });
    });
  }

  /** The scheduler's pools ({@code get_pools} call), with filters as given. */
  public Future<JsonArray> pools(ApiContext ctx, JsonObject filters) {
    return ApiErrors.translated(env.scheduler().getPools(RpcContexts.from(ctx), filters));
  }
}
