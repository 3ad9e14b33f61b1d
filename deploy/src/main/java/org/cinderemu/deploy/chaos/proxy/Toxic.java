package org.cinderemu.deploy.chaos.proxy;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One toxic on a proxy, as Toxiproxy's API shows it: {@code {"name", "type", "stream", "toxicity", "attributes"}}.
 * {@code stream} is the direction it affects: {@code upstream} (client to broker) or {@code downstream} (broker to
 * client, the default); {@code toxicity} the chance that it applies to a connection (default 1).
 */
public record Toxic(String name, ToxicType type, Stream stream, double toxicity, Map<String, Long> attributes) {

  /** The direction of a toxic; {@code upstream} is what the client sends. */
  public enum Stream {
    UPSTREAM, DOWNSTREAM;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Stream parse(String s) {
      return switch (s) {
        case "upstream" -> UPSTREAM;
        case "downstream" -> DOWNSTREAM;
        default -> throw new IllegalArgumentException("stream must be upstream or downstream, not '" + s + "'");
      };
    }
  }

  public Toxic {
    attributes = Map.copyOf(attributes);
  }

  /** Reads and checks a toxic from the API's body; a missing name becomes {@code <type>_<stream>}. */
  public static Toxic fromJson(JsonObject json) {
    ToxicType type = ToxicType.parse(required(json, "type"));
    Stream stream = Stream.parse(json.getString("stream", "downstream"));
    double toxicity = json.getNumber("toxicity", 1.0).doubleValue();
    if (!(toxicity >= 0 && toxicity <= 1)) {
      throw new IllegalArgumentException("toxicity must be between 0 and 1");
    }
    JsonObject given = json.getJsonObject("attributes", new JsonObject());
    for (String key : given.fieldNames()) {
      if (!type.attributes().contains(key)) {
        throw new IllegalArgumentException("toxic " + type.wireName() + " has no attribute '" + key + "'; its "
            + "attributes are " + type.attributes());
      }
    }
    Map<String, Long> attributes = new LinkedHashMap<>();
    for (String key : type.attributes()) {
      Object v = given.getValue(key, 0);
      if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
        throw new IllegalArgumentException("attribute " + key + " must be a whole number >= 0, not " + v);
      }
      attributes.put(key, n.longValue());
    }
    if (type == ToxicType.BANDWIDTH && attributes.get("rate") == 0) {
      throw new IllegalArgumentException("bandwidth needs a rate > 0 (KB/s); to stop the data use timeout");
    }
    String name = json.getString("name", type.wireName() + "_" + stream.wireName());
    if (name.isBlank() || name.length() > 100 || name.contains("/")) {
      throw new IllegalArgumentException("a toxic name is 1 to 100 characters without '/'");
    }
    return new Toxic(name, type, stream, toxicity, attributes);
  }

  private static String required(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("a toxic needs \"" + key + "\"");
    }
    return s;
  }

  public long attribute(String key) {
    return attributes.getOrDefault(key, 0L);
  }

  public JsonObject toJson() {
    JsonObject attrs = new JsonObject();
    type.attributes().forEach(a -> attrs.put(a, attribute(a)));
    return new JsonObject().put("name", name).put("type", type.wireName()).put("stream", stream.wireName())
        .put("toxicity", toxicity).put("attributes", attrs);
  }
}
