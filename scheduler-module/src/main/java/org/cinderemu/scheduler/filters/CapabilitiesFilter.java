package org.cinderemu.scheduler.filters;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cinderemu.scheduler.PyValues;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;

/**
 * Keeps pools whose capabilities satisfy every unscoped or {@code capabilities:}-scoped extra spec of the
 * volume type (docs/cinder-reference.md §6.3). Other scopes ({@code provisioning:type}, {@code vendor:x}, ...) are not
 * capabilities and are skipped. Scopes walk nested capability objects ({@code capabilities:a:b}); a segment
 * that is not a key of its own may also be a dotted path ({@code a.b}). List-valued capabilities match if any
 * element matches; a missing capability fails. An in-use volume may only be extended where
 * {@code online_extend_support} is not false.
 */
public final class CapabilitiesFilter implements BackendFilter {

  public static final String NAME = "CapabilitiesFilter";

  // the scheduler accepts every spelling Cinder knows for a reported storage protocol
  private static final List<List<String>> PROTOCOL_VARIANTS = List.of(
      List.of("iSCSI", "iscsi"),
      List.of("FC", "fibre_channel"),
      List.of("NFS", "nfs"),
      List.of("NVMe-oF", "NVMeOF", "nvmeof"));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean passes(PoolState pool, SchedulingRequest request) {
    if (request.newSize() != null && request.volumeInUse()) {
      Object online = pool.capability("online_extend_support");
      if (online != null && !PyValues.boolFromString(online)) {
        return false;
      }
    }
    return satisfiesExtraSpecs(pool, request.extraSpecs());
  }

  static boolean satisfiesExtraSpecs(PoolState pool, Map<String, String> extraSpecs) {
    for (Map.Entry<String, String> spec : extraSpecs.entrySet()) {
      List<String> scope = new ArrayList<>(Arrays.asList(spec.getKey().split(":", -1)));
      if (scope.size() > 1 && !"capabilities".equals(scope.get(0))) {
        continue;
      }
      if ("capabilities".equals(scope.get(0))) {
        scope.remove(0);
      }
      Object cap = lookup(pool, scope);
      if (cap == MISSING) {
        return false;
      }
      if (scope.size() == 1 && "storage_protocol".equals(scope.get(0))) {
        cap = protocolVariants(cap);
      }
      List<Object> values = cap instanceof JsonArray a ? a.getList() : cap instanceof List<?> l
          ? new ArrayList<>(l) : java.util.Collections.singletonList(cap);
      boolean any = false;
      for (Object value : values) {
        if (ExtraSpecsOps.match(wrap(value), spec.getValue())) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private static final Object MISSING = new Object();

  private static Object lookup(PoolState pool, List<String> scope) {
    if (scope.isEmpty()) {
      return pool.capabilities();
    }
    Object cap = pool.hasCapability(scope.get(0))
        ? pool.capability(scope.get(0)) : walkDotted(pool.capabilities(), scope.get(0));
    for (int i = 1; i < scope.size() && cap != MISSING; i++) {
      cap = step(cap, scope.get(i));
    }
    return cap;
  }

  private static Object step(Object cap, String key) {
    if (cap instanceof JsonObject o) {
      return o.containsKey(key) ? o.getValue(key) : walkDotted(o, key);
    }
    if (cap instanceof Map<?, ?> m) {
      return m.containsKey(key) ? m.get(key) : walkDotted(new JsonObject(castMap(m)), key);
    }
    return MISSING;
  }

  private static Object walkDotted(JsonObject root, String dotted) {
    if (!dotted.contains(".")) {
      return MISSING;
    }
    Object cap = root;
    for (String part : dotted.split("\\.", -1)) {
      if (cap instanceof JsonObject o && o.containsKey(part)) {
        cap = o.getValue(part);
      } else {
        return MISSING;
      }
    }
    return cap;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static Object wrap(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new JsonObject(castMap(m));
    }
    if (v instanceof List<?> l) {
      return new JsonArray(new ArrayList<>(l));
    }
    return v;
  }

  private static Object protocolVariants(Object reported) {
    if (reported instanceof String s) {
      for (List<String> variants : PROTOCOL_VARIANTS) {
        if (variants.contains(s)) {
          return new JsonArray(new ArrayList<>(variants));
        }
      }
    }
    return reported;
  }
}
