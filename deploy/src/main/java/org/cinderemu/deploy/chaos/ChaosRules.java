package org.cinderemu.deploy.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.topology.ServiceUnit;

/**
 * The message rules of a stack's children through their admin endpoints ({@code /chaos/rules}, docs/chaos.md
 * "Message rules"): what {@code chaos add|list|clear} do, for the experiment runner to call too. Without a
 * child named, a rule goes to every child that runs its {@code service} (all when it names none).
 */
public final class ChaosRules {

  static final String PATH = "/chaos/rules";

  private final AdminEndpoints endpoints;

  ChaosRules(AdminEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  public static ChaosRules of(StateDir state) {
    return new ChaosRules(AdminEndpoints.of(state));
  }

  /**
   * Adds {@code rule} to each target child; returns each child's rule as it answered (with its {@code id}). All
   * or nothing: when one child refuses, the rule is removed again from those that took it.
   */
  public Map<String, JsonObject> add(Optional<String> child, JsonObject rule) {
    List<AdminEndpoint> targets = targets(child, rule);
    Map<String, JsonObject> added = new LinkedHashMap<>();
    Map<AdminEndpoint, String> undo = new LinkedHashMap<>();
    for (AdminEndpoint e : targets) {
      try {
        JsonObject created = asRule(e.expectOk("POST", PATH, rule).json(), e);
        added.put(e.child(), created);
        Optional.ofNullable(created.getValue("id")).ifPresent(id -> undo.put(e, id.toString()));
      } catch (LaunchException refused) {
        undo.forEach((taken, id) -> removeQuietly(taken, id));
        throw refused;
      }
    }
    return added;
  }

  /** Each target child's rules with their hits, in the order they were added (first match wins). */
  public Map<String, List<JsonObject>> list(Optional<String> child) {
    Map<String, List<JsonObject>> out = new LinkedHashMap<>();
    for (AdminEndpoint e : endpoints.select(child)) {
      out.put(e.child(), rules(e.expectOk("GET", PATH, null).json(), e));
    }
    return out;
  }

  /** Removes every rule of each target child; returns each child's rules as they were, with their final hits. */
  public Map<String, List<JsonObject>> clear(Optional<String> child) {
    Map<String, List<JsonObject>> cleared = new LinkedHashMap<>();
    for (AdminEndpoint e : endpoints.select(child)) {
      Object json = e.expectOk("DELETE", PATH, null).json();
      cleared.put(e.child(), json == null ? List.of() : rules(json, e));
    }
    return cleared;
  }

  /** Removes the rule {@code id} wherever it is (a 404 elsewhere is fine); returns the children that had it. */
  public List<String> remove(Optional<String> child, String id) {
    List<String> had = new ArrayList<>();
    for (AdminEndpoint e : endpoints.select(child)) {
      AdminEndpoint.Response r = e.send("DELETE", PATH + "/" + id, null);
      if (r.ok()) {
        had.add(e.child());
      } else if (r.status() != 404) {
        throw new LaunchException(e.child() + ": DELETE " + PATH + "/" + id + " answered " + r.status() + ": "
            + r.errorMessage());
      }
    }
    if (had.isEmpty()) {
      throw new LaunchException("no rule " + id + " on " + (child.orElse("any running child")));
    }
    return had;
  }

  private List<AdminEndpoint> targets(Optional<String> child, JsonObject rule) {
    List<AdminEndpoint> all = endpoints.select(child);
    if (child.isPresent()) {
      return all;
    }
    String service = rule.getString("service");
    String host = rule.getString("host");
    List<AdminEndpoint> runs = all.stream().filter(e -> runs(e.child(), service, host)).toList();
    if (runs.isEmpty()) {
      throw new LaunchException("no running child runs " + service + (host == null ? "" : " on " + host)
          + "; running: " + String.join(", ", all.stream().map(AdminEndpoint::child).toList()));
    }
    return runs;
  }

  /**
   * Whether the child named {@code child} (a binary, {@code binary@host}, or every service in one process) may run
   * {@code service} on {@code host} (the rule's glob on the service host, {@code node2@lvm}; null: any). Only a
   * literal host part (before any {@code @}, {@code *} or {@code ?}) rules a child out; the endpoint decides the rest.
   */
  static boolean runs(String child, String service, String host) {
    if (child.equals(ServiceUnit.IN_PROCESS_NAME) || service == null) {
      return true;
    }
    int at = child.indexOf('@');
    String binary = at < 0 ? child : child.substring(0, at);
    if (!binary.equals(service)) {
      return false;
    }
    if (at < 0 || host == null) {
      return true;
    }
    String childHost = child.substring(at + 1);
    int literal = 0;
    while (literal < host.length() && "@*?".indexOf(host.charAt(literal)) < 0) {
      literal++;
    }
    boolean wholeHostLiteral = literal == host.length() || host.charAt(literal) == '@';
    return wholeHostLiteral ? host.substring(0, literal).equals(childHost) : childHost.startsWith(host.substring(0,
        literal));
  }

  /** A created rule: the object itself, or under {@code "rule"}. */
  static JsonObject asRule(Object json, AdminEndpoint from) {
    if (json instanceof JsonObject o) {
      return o.getValue("rule") instanceof JsonObject inner ? inner : o;
    }
    throw new LaunchException(from.child() + ": POST " + PATH + " answered no rule: " + json);
  }

  /** A rule list: an array, or one under {@code "rules"}. */
  static List<JsonObject> rules(Object json, AdminEndpoint from) {
    JsonArray array = json instanceof JsonArray a ? a
        : json instanceof JsonObject o && o.getValue("rules") instanceof JsonArray inner ? inner : null;
    if (array == null) {
      throw new LaunchException(from.child() + ": GET " + PATH + " answered no rule list: " + json);
    }
    return array.stream().map(r -> r instanceof JsonObject o ? o : new JsonObject().put("rule", r)).toList();
  }

  private static void removeQuietly(AdminEndpoint e, String id) {
    try {
      e.send("DELETE", PATH + "/" + id, null);
    } catch (LaunchException gone) {
      // the rule dies with that process's restart at the latest
    }
  }
}
