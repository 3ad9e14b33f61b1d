package org.cinderemu.volume.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The faults injected into one backend's emulated driver (docs/chaos.md, "Driver and database faults"):
 * {@code errorRate} and {@code latencyMs} ± {@code jitterMs} apply to the listed {@code operations} (empty: all);
 * {@code capacityExhausted} and a {@code down} backend state change the capability reports, whatever the operations.
 */
public record DriverFault(double errorRate, long latencyMs, long jitterMs, boolean capacityExhausted,
    String backendState, List<String> operations) {

  public static final String CREATE = "create_volume";
  public static final String DELETE = "delete_volume";
  public static final String EXTEND = "extend_volume";
  public static final String INITIALIZE_CONNECTION = "initialize_connection";
  public static final String TERMINATE_CONNECTION = "terminate_connection";
  /** The driver operations a fault can name. */
  public static final Set<String> OPERATIONS = Set.of(CREATE, DELETE, EXTEND, INITIALIZE_CONNECTION,
      TERMINATE_CONNECTION);
  public static final String UP = "up";
  public static final String DOWN = "down";
  /** A bound that keeps a mistyped latency from parking operations for days. */
  static final long MAX_LATENCY_MS = 600_000;
  private static final Set<String> FIELDS = Set.of("error_rate", "latency_ms", "jitter_ms", "capacity_exhausted",
      "backend_state", "operations");

  public static final DriverFault NONE = new DriverFault(0, 0, 0, false, UP, List.of());

  public DriverFault {
    operations = List.copyOf(operations);
  }

  /** Parses a {@code PUT /chaos/driver} body; omitted fields mean no fault of that kind. */
  public static DriverFault fromJson(JsonObject body) {
    for (String key : body.fieldNames()) {
      if (!FIELDS.contains(key)) {
        throw new IllegalArgumentException("unknown driver fault field '" + key + "'; known: " + String.join(", ", FIELDS.stream()
            .sorted().toList()));
      }
    }
    double rate = number(body, "error_rate", 0, 1).doubleValue();
    long latency = number(body, "latency_ms", 0, MAX_LATENCY_MS).longValue();
    long jitter = number(body, "jitter_ms", 0, MAX_LATENCY_MS).longValue();
    Object exhausted = body.getValue("capacity_exhausted", false);
    if (!(exhausted instanceof Boolean)) {
      throw new IllegalArgumentException("capacity_exhausted must be true or false");
    }
    Object state = body.getValue("backend_state", UP);
    if (!UP.equals(state) && !DOWN.equals(state)) {
      throw new IllegalArgumentException("backend_state must be \"up\" or \"down\"");
    }
    return new DriverFault(rate, latency, jitter, (Boolean) exhausted, (String) state, operations(body));
  }

  private static Number number(JsonObject body, String key, double min, double max) {
    Object v = body.getValue(key, 0);
    if (!(v instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max || Double.isNaN(n.doubleValue())) {
      throw new IllegalArgumentException(key + " must be a number from " + fmt(min) + " to " + fmt(max));
    }
    return n;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static List<String> operations(JsonObject body) {
    Object v = body.getValue("operations");
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray list)) {
      throw new IllegalArgumentException("operations must be a list of driver operations");
    }
    List<String> ops = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s) || !OPERATIONS.contains(s)) {
        throw new IllegalArgumentException("unknown driver operation " + o + "; known: "
            + String.join(", ", OPERATIONS.stream().sorted().toList()));
      }
      ops.add(s);
    }
    return ops;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("error_rate", errorRate)
        .put("latency_ms", latencyMs)
        .put("jitter_ms", jitterMs)
        .put("capacity_exhausted", capacityExhausted)
        .put("backend_state", backendState)
        .put("operations", new JsonArray(operations));
  }

  public boolean isNone() {
    return equals(NONE);
  }

  public boolean isDown() {
    return DOWN.equals(backendState);
  }

  /** Whether the error rate and latency apply to {@code operation}. */
  public boolean covers(String operation) {
    return operations.isEmpty() || operations.contains(operation);
  }

  /** The latency to add to {@code operation}: latency ± jitter, never below zero. */
  public long delayMs(String operation, RandomGenerator random) {
    if (!covers(operation) || latencyMs == 0 && jitterMs == 0) {
      return 0;
    }
    long spread = jitterMs == 0 ? 0 : random.nextLong(-jitterMs, jitterMs + 1);
    return Math.max(0, latencyMs + spread);
  }

  /** One draw: does this call of {@code operation} fail? */
  public boolean fails(String operation, RandomGenerator random) {
    return errorRate > 0 && covers(operation) && random.nextDouble() < errorRate;
  }
}
