package org.cinderemu.common.chaos;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * One message rule of docs/chaos.md "Message rules": which messages it applies to (service, host, direction,
 * pattern, method), how often (probability, count, ttl_seconds) and what it does to them (action and its
 * parameters). Immutable; the rule book keeps its id, hits and expiry.
 */
public record MessageRule(String service, Glob host, Direction direction, Glob pattern, Glob method,
    double probability, Long count, Long ttlSeconds, Action action, long delayMs, long jitterMs, boolean newId) {

  /** The binaries a rule may name; anything else is a typo worth a 400. */
  public static final Set<String> SERVICES = Set.of("cinder-api", "cinder-scheduler", "cinder-volume",
      "cinder-backup");
  /** delay_ms and jitter_ms at most 10 minutes: a rule must not hold a message forever. */
  public static final long MAX_DELAY_MS = 600_000;
  /** What delay and reorder wait when delay_ms is omitted. */
  public static final long DEFAULT_DELAY_MS = 1000;
  static final int MAX_TEXT = 255;
  private static final Set<String> FIELDS = Set.of("service", "host", "direction", "pattern", "method",
      "probability", "count", "ttl_seconds", "action", "delay_ms", "jitter_ms", "new_id");

  /** Where a rule looks: messages leaving this process, or arriving at one of its RPC servers. */
  public enum Direction {
    PUBLISH, CONSUME;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a rule does to a message it hits (docs/chaos.md). */
  public enum Action {
    DROP, DELAY, DUPLICATE, FAIL, REORDER;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One message as rules see it: key is the routing key (publish; the exchange when it is empty) or queue. */
  public record Probe(Direction direction, String service, String host, String key, String method) {
  }

  public boolean matches(Probe p) {
    return direction == p.direction()
        && (service == null || service.equals(p.service()))
        && host.matches(p.host())
        && pattern.matches(p.key())
        && method.matches(p.method());
  }

  /** Reads a rule as the admin endpoint receives it; unknown fields and bad values are an {@link InvalidRule}. */
  public static MessageRule fromJson(JsonObject json) {
    for (String f : json.fieldNames()) {
      if (!FIELDS.contains(f)) {
        throw new InvalidRule("unknown field '" + f + "' in a message rule; known: " + String.join(", ",
            FIELDS.stream().sorted().toList()));
      }
    }
    Fields f = new Fields(json);
    String service = f.text("service");
    if (service != null && !SERVICES.contains(service)) {
      throw new InvalidRule("service must be one of " + SERVICES.stream().sorted().toList() + ", not '"
          + service + "'");
    }
    Direction direction = f.choice("direction", Direction.class, null);
    if (direction == null) {
      throw new InvalidRule("direction is required: publish or consume");
    }
    Action action = f.choice("action", Action.class, null);
    if (action == null) {
      throw new InvalidRule("action is required: drop, delay, duplicate, fail or reorder");
    }
    boolean waits = action == Action.DELAY || action == Action.REORDER;
    return new MessageRule(service, Glob.of(f.text("host")), direction, Glob.of(f.text("pattern")),
        Glob.of(f.text("method")), f.number("probability", 1.0, 0.0, 1.0),
        f.whole("count", null, 1, Long.MAX_VALUE), f.whole("ttl_seconds", null, 1, 30L * 24 * 3600), action,
        f.whole("delay_ms", waits ? DEFAULT_DELAY_MS : 0L, 0, MAX_DELAY_MS),
        f.whole("jitter_ms", 0L, 0, MAX_DELAY_MS), f.flag("new_id"));
  }

  /** The rule's fields in the shape {@link #fromJson} reads (unset filters as null). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("service", service)
        .put("host", host == Glob.ANY ? null : host.text())
        .put("direction", direction.wire())
        .put("pattern", pattern.text())
        .put("method", method.text())
        .put("probability", probability)
        .put("count", count)
        .put("ttl_seconds", ttlSeconds)
        .put("action", action.wire())
        .put("delay_ms", delayMs)
        .put("jitter_ms", jitterMs)
        .put("new_id", newId);
  }

  /** Typed reads of a rule's JSON, each refusing a value of the wrong type or range by name. */
  private record Fields(JsonObject json) {

    String text(String name) {
      Object v = json.getValue(name);
      if (v == null) {
        return null;
      }
      if (!(v instanceof String s) || s.isEmpty() || s.length() > MAX_TEXT) {
        throw new InvalidRule(name + " must be a non-empty string of at most " + MAX_TEXT + " characters");
      }
      return s;
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
      String v = text(name);
      if (v == null) {
        return fallback;
      }
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(v)) {
          return e;
        }
      }
      throw new InvalidRule("invalid " + name + " '" + v + "'");
    }

    double number(String name, double fallback, double min, double max) {
      Object v = json.getValue(name);
      if (v == null) {
        return fallback;
      }
      if (!(v instanceof Number n) || Double.isNaN(n.doubleValue()) || n.doubleValue() < min
          || n.doubleValue() > max) {
        throw new InvalidRule(name + " must be a number from " + min + " to " + max);
      }
      return n.doubleValue();
    }

    Long whole(String name, Long fallback, long min, long max) {
      Object v = json.getValue(name);
      if (v == null) {
        return fallback;
      }
      boolean integral = v instanceof Integer || v instanceof Long
          || (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()));
      if (!integral || ((Number) v).doubleValue() < min || ((Number) v).doubleValue() > max) {
        throw new InvalidRule(name + " must be a whole number from " + min + " to " + max);
      }
      return ((Number) v).longValue();
    }

    boolean flag(String name) {
      Object v = json.getValue(name);
      if (v == null) {
        return false;
      }
      if (!(v instanceof Boolean b)) {
        throw new InvalidRule(name + " must be true or false");
      }
      return b;
    }
  }
}
