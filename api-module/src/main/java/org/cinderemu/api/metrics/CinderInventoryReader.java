package org.cinderemu.api.metrics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cinderemu.api.core.ApiEnvironment;
import org.cinderemu.common.db.InventoryReads;
import org.cinderemu.common.db.ServiceRepository;
import org.cinderemu.common.objects.QuotaUsage;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.rpc.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one {@link CinderInventory}, the way openstack-exporter reads it through the API: os-services (up/down
 * with {@code service_down_time}, docs/cinder-reference.md §5.3), every volume of every project, the scheduler's
 * pools (a {@code get_pools} call, as {@code /scheduler-stats/get_pools} makes) and each project's limits.
 * All reads are asynchronous; a failed part is logged and left empty.
 */
final class CinderInventoryReader {

  private static final Logger LOG = LoggerFactory.getLogger(CinderInventoryReader.class);
  /** A scheduler that does not answer must not hold a scrape for rpc_response_timeout. */
  static final Duration POOLS_BOUND = Duration.ofSeconds(3);

  private final Vertx vertx;
  private final ApiEnvironment env;
  private final InventoryReads inventory;

  CinderInventoryReader(Vertx vertx, ApiEnvironment env) {
    this.vertx = vertx;
    this.env = env;
    this.inventory = new InventoryReads(env.db());
  }

  Future<CinderInventory> read() {
    Future<Optional<List<CinderInventory.Agent>>> agents = part("os-services", agents());
    Future<Optional<List<InventoryReads.VolumeSummary>>> volumes = part("volumes", inventory.volumes());
    Future<Optional<List<CinderInventory.Pool>>> pools = part("get_pools", pools());
    Future<Optional<List<CinderInventory.TenantLimits>>> limits = part("limits", limits());
    return Future.join(agents, volumes, pools, limits).transform(x -> Future.succeededFuture(new CinderInventory(
        agents.result(), volumes.result(), Optional.of(0), pools.result(), limits.result())));
  }

  private static <T> Future<Optional<T>> part(String what, Future<T> read) {
    return read.map(Optional::of).recover(e -> {
      LOG.warn("metrics: reading {} failed: {}", what, e.toString());
      return Future.succeededFuture(Optional.empty());
    });
  }

  private Future<List<CinderInventory.Agent>> agents() {
    return env.db().services().list().map(services -> {
      LocalDateTime now = env.db().now();
      List<CinderInventory.Agent> out = new ArrayList<>();
      for (Service s : services) {
        out.add(new CinderInventory.Agent(s.uuid(), s.host(), s.binary(), s.disabled() ? "disabled" : "enabled",
            s.availabilityZone(), s.disabledReason(),
            ServiceRepository.isUpForApi(s, now, env.options().serviceDownTime())));
      }
      return out;
    });
  }

  private Future<List<CinderInventory.Pool>> pools() {
    Future<JsonArray> call = env.scheduler().getPools(RequestContext.admin(), new JsonObject());
    Future<JsonArray> bound = vertx.timer(POOLS_BOUND.toMillis()).compose(v -> Future.failedFuture(
        new IllegalStateException("no get_pools answer within " + POOLS_BOUND.toSeconds() + " s")));
    return Future.any(call, bound).map(x -> toPools(call.result()));
  }

  static List<CinderInventory.Pool> toPools(JsonArray pools) {
    List<CinderInventory.Pool> out = new ArrayList<>();
    for (Object p : pools) {
      if (p instanceof JsonObject pool) {
        JsonObject caps = pool.getJsonObject("capabilities", new JsonObject());
        out.add(new CinderInventory.Pool(pool.getString("name"), string(caps.getValue("volume_backend_name")),
            string(caps.getValue("vendor_name")), gigabytes(caps.getValue("free_capacity_gb")),
            gigabytes(caps.getValue("total_capacity_gb"))));
      }
    }
    return out;
  }

  /** A capacity as Cinder reports it: a number, {@code infinite} or {@code unknown} (NaN). */
  static double gigabytes(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v != null && "infinite".equalsIgnoreCase(v.toString())) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      return v == null ? Double.NaN : Double.parseDouble(v.toString());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String string(Object v) {
    return v == null ? "" : v.toString();
  }

  private Future<List<CinderInventory.TenantLimits>> limits() {
    return inventory.projects().compose(projects -> {
      List<Future<CinderInventory.TenantLimits>> each = new ArrayList<>();
      for (String project : projects) {
        each.add(env.quotas().usage(project).map(usage -> tenantLimits(project, usage)));
      }
      return Future.all(each).map(all -> all.<CinderInventory.TenantLimits>list());
    });
  }

  // noauth has no project names: the id stands for the name, as Keystone-less tools show it
  static CinderInventory.TenantLimits tenantLimits(String project, Map<String, QuotaUsage> usage) {
    QuotaUsage gb = usage.get(QuotaUsage.GIGABYTES);
    QuotaUsage backupGb = usage.get(QuotaUsage.BACKUP_GIGABYTES);
    return new CinderInventory.TenantLimits(project, project,
        gb == null ? -1 : gb.limit(), gb == null ? 0 : gb.inUse(),
        backupGb == null ? -1 : backupGb.limit(), backupGb == null ? 0 : backupGb.inUse());
  }
}
