package org.cinderemu.deploy.chaos;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.cinderemu.deploy.LaunchException;
import picocli.CommandLine.Option;

/**
 * A message rule as {@code chaos add} takes it: one flag per field of docs/chaos.md's rule, or the whole rule as
 * {@code --json}. Only the fields given are sent, so the endpoint's defaults apply to the rest.
 */
public final class RuleFlags {

  /** Where the rule sits in the RPC interceptor chain. */
  public enum Direction { publish, consume }

  /** What a matching message suffers. */
  public enum Action { drop, delay, duplicate, fail, reorder }

  @Option(names = "--json", paramLabel = "RULE", description = "the whole rule as one JSON object, instead of the "
      + "flags below (docs/chaos.md)")
  String json;

  @Option(names = "--service", paramLabel = "BINARY", description = "the service whose messages it applies to, "
      + "e.g. cinder-volume (default: every service of the process)")
  String service;

  @Option(names = "--host", paramLabel = "GLOB", description = "glob on that service's host: node1, node1@lvm, "
      + "node1@* (default: any)")
  String host;

  @Option(names = "--direction", paramLabel = "publish|consume",
      description = "publish (leaving the process) or consume (arriving at one of its RPC servers)")
  Direction direction;

  @Option(names = "--pattern", paramLabel = "GLOB", description = "glob on the routing key (publish) or the queue "
      + "(consume), e.g. cinder-volume.* (default: any)")
  String pattern;

  @Option(names = "--method", paramLabel = "GLOB", description = "glob on the RPC method, e.g. create_volume "
      + "(default: any)")
  String method;

  @Option(names = "--probability", paramLabel = "P", description = "drawn per matching message, 0 to 1 (default 1)")
  Double probability;

  @Option(names = "--count", paramLabel = "N", description = "at most N hits (default: unlimited)")
  Integer count;

  @Option(names = "--ttl", paramLabel = "SECONDS", description = "the rule expires after this long")
  Integer ttlSeconds;

  @Option(names = "--action", paramLabel = "ACTION", description = "drop, delay, duplicate, fail or reorder")
  Action action;

  @Option(names = "--delay-ms", paramLabel = "MS", description = "delay: how long; reorder: the longest hold")
  Integer delayMs;

  @Option(names = "--jitter-ms", paramLabel = "MS", description = "delay: plus or minus this much")
  Integer jitterMs;

  @Option(names = "--new-id", description = "duplicate: give the copy a fresh _unique_id, so the handler runs twice")
  boolean newId;

  /** The rule's JSON body; a flag out of range or a mix of flags and {@code --json} is refused here. */
  public JsonObject toJson() {
    if (json != null) {
      if (anyFlag()) {
        throw new LaunchException("give the rule as flags or as --json, not both");
      }
      try {
        return new JsonObject(json);
      } catch (DecodeException | ClassCastException e) {
        throw new LaunchException("--json takes one JSON object, e.g. '{\"action\": \"drop\", \"service\": "
            + "\"cinder-volume\"}': " + e.getMessage());
      }
    }
    if (action == null) {
      throw new LaunchException("--action is required (drop, delay, duplicate, fail or reorder), or give --json");
    }
    if (direction == null) {
      throw new LaunchException("--direction is required: publish (leaving the process) or consume (arriving at "
          + "one of its RPC servers)");
    }
    check(probability == null || (probability >= 0 && probability <= 1), "--probability is between 0 and 1");
    check(count == null || count >= 1, "--count is at least 1");
    check(ttlSeconds == null || ttlSeconds >= 1, "--ttl is at least 1 second");
    check(delayMs == null || delayMs >= 0, "--delay-ms is not negative");
    check(jitterMs == null || jitterMs >= 0, "--jitter-ms is not negative");
    JsonObject rule = new JsonObject();
    putIf(rule, "service", service);
    putIf(rule, "host", host);
    putIf(rule, "direction", direction == null ? null : direction.name());
    putIf(rule, "pattern", pattern);
    putIf(rule, "method", method);
    putIf(rule, "probability", probability);
    putIf(rule, "count", count);
    putIf(rule, "ttl_seconds", ttlSeconds);
    rule.put("action", action.name());
    putIf(rule, "delay_ms", delayMs);
    putIf(rule, "jitter_ms", jitterMs);
    if (newId) {
      rule.put("new_id", true);
    }
    return rule;
  }

  private boolean anyFlag() {
    return service != null || host != null || direction != null || pattern != null || method != null
        || probability != null || count != null || ttlSeconds != null || action != null || delayMs != null
        || jitterMs != null || newId;
  }

  private static void check(boolean ok, String rule) {
    if (!ok) {
      throw new LaunchException(rule);
    }
  }

  private static void putIf(JsonObject o, String key, Object value) {
    if (value != null) {
      o.put(key, value);
    }
  }
}
