package org.cinderemu.scheduler;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.host.HostString;
import org.cinderemu.scheduler.state.ActiveVolumeService;
import org.cinderemu.scheduler.state.HostManager;
import org.cinderemu.scheduler.state.PoolState;
import org.cinderemu.scheduler.weights.WeighedPool;

/**
 * Cinder's {@code FilterScheduler} (docs/cinder-reference.md §6.1, §6.6, §6.7): filter the pools, weigh them, take the
 * best, and account for it locally until the next capability report. No I/O: the caller reads the usable volume
 * services from the database, writes the chosen host and sends the RPCs.
 */
public final class FilterScheduler {

  private final HostManager hostManager;
  private final int maxAttempts;

  public FilterScheduler(HostManager hostManager) {
    this.hostManager = hostManager;
    this.maxAttempts = hostManager.options().maxAttempts();
  }

  public HostManager hostManager() {
    return hostManager;
  }

  /**
   * Picks the pool for a new volume and consumes its size there.
   *
   * @param services the volume services that are up, enabled and not frozen
   * @throws NoValidBackend "No weighed backends available", or "Exceeded max scheduling attempts N for
   *                        resource ID" when a rescheduled request has used up its attempts
   */
  public ScheduleResult selectBackend(List<ActiveVolumeService> services, SchedulingRequest request) {
    SchedulingRequest prepared = prepare(request);
    List<WeighedPool> weighed = weighedCandidates(services, prepared);
    String resourceBackend = request.resourceBackend();
    if (!weighed.isEmpty() && resourceBackend != null && !resourceBackend.isEmpty()) {
      // clones and snapshots must stay on their source's backend (or pool, when it names one)
      boolean withPool = HostString.extract(resourceBackend, HostString.Level.POOL) != null;
      weighed.removeIf(w -> !resourceBackend.equals(
          withPool ? w.pool().backendId() : HostString.extract(w.pool().backendId())));
    }
    if (weighed.isEmpty()) {
      throw NoValidBackend.noWeighedBackends();
    }
    PoolState top = weighed.get(0).pool();
    top.consumeFromVolume(request.size());
    JsonObject properties = prepared.filterProperties();
    addRetryBackend(properties, top.backendId());
    return new ScheduleResult(top, properties);
  }

  /**
   * Checks that a named backend or pool passes the filters for this request (extend, migrate, retype,
   * snapshot capacity checks, {@code validate_host_capacity}) and returns its pool; without a {@code #pool}
   * the best-weighed passing pool of that backend is returned. Consumes nothing: the caller does, where Cinder does.
   *
   * @param backend {@code host@backend[#pool]} or {@code cluster@backend[#pool]}
   * @throws NoValidBackend "Cannot place volume ID on BACKEND."
   */
  public PoolState backendPassesFilters(List<ActiveVolumeService> services, String backend,
      SchedulingRequest request) {
    List<WeighedPool> weighed = weighedCandidates(services, prepare(request));
    boolean ignorePool = HostString.extract(backend, HostString.Level.POOL) == null;
    for (WeighedPool candidate : weighed) {
      String id = candidate.pool().backendId();
      if ((ignorePool ? HostString.extract(id) : id).equals(backend)) {
        return candidate.pool();
      }
    }
    String id = request.resourceId() == null ? "??id missing??" : request.resourceId();
    throw NoValidBackend.cannotPlace(request.resourceId() == null ? "volume" : request.resourceKind(), id, backend);
  }

  // retry bookkeeping and the implicit multiattach spec, as _get_weighted_candidates does first
  private SchedulingRequest prepare(SchedulingRequest request) {
    JsonObject properties = populateRetry(request.filterProperties(), request.resourceId());
    SchedulingRequest prepared = request.withFilterProperties(properties);
    if (request.multiattach() && !request.extraSpecs().containsKey("multiattach")) {
      Map<String, String> specs = new LinkedHashMap<>(request.extraSpecs());
      specs.put("multiattach", "<is> True");
      prepared = prepared.withExtraSpecs(specs);
    }
    return prepared;
  }

  private List<WeighedPool> weighedCandidates(List<ActiveVolumeService> services, SchedulingRequest request) {
    JsonObject retry = request.retry();
    if (retry != null && retry.getValue("backends") instanceof JsonArray tried && !tried.isEmpty()) {
      // a reschedule: the previous attempt's pool gets its space back
      hostManager.revertVolumeConsumedCapacity(PyValues.str(tried.getValue(tried.size() - 1)), request.size());
    }
    List<PoolState> pools = hostManager.backends(services);
    List<PoolState> passing = hostManager.filteredBackends(pools, request);
    if (passing.isEmpty()) {
      return new ArrayList<>();
    }
    return hostManager.weighedBackends(passing, request);
  }

  /**
   * Cinder's {@code _populate_retry}: starts {@code retry} at attempt 1 or counts one more attempt, and
   * refuses a request past {@code scheduler_max_attempts}. With 1 attempt there is no {@code retry} at all.
   */
  JsonObject populateRetry(JsonObject filterProperties, String resourceId) {
    Object previous = filterProperties.remove("retry");
    if (maxAttempts == 1) {
      return filterProperties;
    }
    JsonObject retry;
    if (previous instanceof Map<?, ?> m) {
      previous = new JsonObject(castMap(m));
    }
    if (previous instanceof JsonObject r && !r.isEmpty()) {
      retry = r;
      retry.put("num_attempts", (long) PyValues.toFloat(r.getValue("num_attempts"), 0) + 1);
    } else {
      retry = new JsonObject()
          .put("num_attempts", 1)
          .put("backends", new JsonArray())
          .put("hosts", new JsonArray());
    }
    filterProperties.put("retry", retry);
    if (PyValues.toFloat(retry.getValue("num_attempts"), 0) > maxAttempts) {
      throw NoValidBackend.exceededMaxAttempts(maxAttempts, resourceId);
    }
    return filterProperties;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static void addRetryBackend(JsonObject filterProperties, String backendId) {
    if (!(filterProperties.getValue("retry") instanceof JsonObject retry) || retry.isEmpty()) {
      return;
    }
    for (String key : List.of("hosts", "backends")) {
      if (retry.getValue(key) instanceof JsonArray list) {
        list.add(backendId);
      }
    }
  }
}
