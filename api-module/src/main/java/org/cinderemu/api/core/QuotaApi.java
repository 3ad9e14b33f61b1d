package org.cinderemu.api.core;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.objects.QuotaUsage;
import org.cinderemu.common.objects.VolumeType;

/**
 * Project quotas as {@code os-quota-sets} and {@code /limits} show them: the configured defaults, the
 * project's own limits and usage, plus Cinder's per-volume-type keys ({@code volumes_<type>},
 * {@code gigabytes_<type>}, {@code snapshots_<type>}; unlimited unless set, and not enforced by the emulator).
 */
public final class QuotaApi {

  private static final List<String> PER_TYPE = List.of("volumes", "gigabytes", "snapshots");

  private final ApiEnvironment env;

  public QuotaApi(ApiEnvironment env) {
    this.env = env;
  }

  /** Every resource of the project with limit, in_use and reserved, in Cinder's order. */
  public Future<Map<String, QuotaUsage>> usage(String projectId) {
    return env.quotas().usage(projectId).compose(usage -> env.db().volumeTypes().list().map(types -> {
      Map<String, QuotaUsage> out = new LinkedHashMap<>();
      env.options().quotaDefaults().keySet().forEach(r -> {
        if (usage.containsKey(r)) {
          out.put(r, usage.get(r));
        }
      });
      for (String resource : perTypeResources(types)) {
        out.put(resource, usage.getOrDefault(resource, new QuotaUsage(projectId, resource, -1, 0, 0)));
      }
      usage.forEach(out::putIfAbsent);
      return out;
    }));
  }

  /** The default limit of every resource. */
  public Future<Map<String, Integer>> defaults() {
    return env.db().volumeTypes().list().map(types -> {
      Map<String, Integer> out = new LinkedHashMap<>(env.options().quotaDefaults());
      perTypeResources(types).forEach(r -> out.put(r, -1));
      return out;
    });
  }

  /**
   * Sets limits ({@code -1} = unlimited). Unknown resources, non-integers, values below -1 and limits below
   * what is already used are refused with 400 before anything is written.
   */
  public Future<Map<String, QuotaUsage>> update(String projectId, Map<String, Object> requested) {
    return usage(projectId).compose(current -> {
      List<String> bad = requested.keySet().stream().filter(k -> !current.containsKey(k)).toList();
      if (!bad.isEmpty()) {
        return Future.failedFuture(ApiException.badRequest("Bad key(s) in quota set: " + String.join(",", bad)));
      }
      Map<String, Integer> limits = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : requested.entrySet()) {
        int value = integer(e.getKey(), e.getValue());
        QuotaUsage u = current.get(e.getKey());
        int used = u.inUse() + u.reserved();
        if (value != -1 && value < used) {
          return Future.failedFuture(ApiException.badRequest("Quota limit " + value + " for " + e.getKey()
              + " must be greater than or equal to already used and reserved " + used + "."));
        }
        limits.put(e.getKey(), value);
      }
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<String, Integer> e : limits.entrySet()) {
        chain = chain.compose(v -> env.quotas().setLimit(projectId, e.getKey(), e.getValue()));
      }
      return chain.compose(v -> usage(projectId));
    });
  }

  // oslo's validate_integer(value, name, -1, DB_MAX_INT)
  private static int integer(String name, Object value) {
    long v;
    if (value instanceof Number n && !(value instanceof Double || value instanceof Float)) {
      v = n.longValue();
    } else if (value instanceof String s && s.strip().matches("[-+]?\\d+")) {
      try {
        v = Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        v = Long.MAX_VALUE;
      }
    } else {
      throw ApiException.invalidInput(name + " must be an integer.");
    }
    if (v < -1) {
      throw ApiException.invalidInput(name + " must be >= -1");
    }
    if (v > 0x7FFFFFFFL) {
      throw ApiException.invalidInput(name + " must be <= 2147483647");
    }
    return (int) v;
  }

  private static List<String> perTypeResources(List<VolumeType> types) {
    List<String> out = new ArrayList<>();
    for (VolumeType t : types) {
      for (String r : PER_TYPE) {
        out.add(r + "_" + t.name());
      }
    }
    return out;
  }
}
