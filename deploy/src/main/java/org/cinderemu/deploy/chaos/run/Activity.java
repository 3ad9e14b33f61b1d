package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a method or of the rollbacks, as in Chaos Toolkit: an {@code action} (a fault verb of
 * {@link Verb} on {@code target}, with {@code args}), a {@code probe} recorded in the journal, or a {@code pause}
 * of {@code seconds}. {@code pauses.before}/{@code after} wait around it; {@code wait_for} holds it until at least
 * {@code at_least} of the run's requests are in {@code state} (bounded by {@code timeout_seconds}), so that a fault
 * lands while requests are in flight.
 */
public record Activity(
    String type,
    String name,
    String verb,
    String target,
    Map<String, Object> args,
    Pauses pauses,
    @JsonProperty("wait_for") WaitFor waitFor,
    Double seconds,
    Probe probe) {

  public Activity {
    type = type == null ? "action" : type;
    args = args == null ? Map.of() : Map.copyOf(args);
    pauses = pauses == null ? Pauses.NONE : pauses;
  }

  /** Seconds to wait before and after the activity. */
  public record Pauses(double before, double after) {
    static final Pauses NONE = new Pauses(0, 0);
  }

  /** Hold the activity until {@code at_least} requests of {@code kind} (volume or backup) are in {@code state}. */
  public record WaitFor(String state, String kind, @JsonProperty("at_least") int atLeast,
      @JsonProperty("timeout_seconds") double timeoutSeconds) {
  }

  public boolean isPause() {
    return "pause".equals(type);
  }

  public String label() {
    if (name != null) {
      return name;
    }
    return isPause() ? "pause " + seconds + " s" : verb + (target == null ? "" : " " + target);
  }

  /** Pauses, a pause's length and a fault's {@code seconds} argument multiplied by {@code k} (the short form). */
  Activity scaled(double k) {
    if (k == 1.0) {
      return this;
    }
    Map<String, Object> a = new LinkedHashMap<>(args);
    if (a.get("seconds") instanceof Number n) {
      a.put("seconds", Math.max(1, Math.round(n.doubleValue() * k)));
    }
    return new Activity(type, name, verb, target, a, new Pauses(pauses.before() * k, pauses.after() * k), waitFor,
        seconds == null ? null : seconds * k, probe);
  }

  /** An argument as text, or {@code fallback}. */
  String arg(String key, String fallback) {
    Object v = args.get(key);
    return v == null ? fallback : String.valueOf(v);
  }
}
