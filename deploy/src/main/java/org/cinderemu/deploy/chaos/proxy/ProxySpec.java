package org.cinderemu.deploy.chaos.proxy;

import io.vertx.core.json.JsonObject;

/** A proxy to create: its name (the child whose broker link it carries), where it listens, where it connects. */
public record ProxySpec(String name, Endpoint listen, Endpoint upstream) {

  public static ProxySpec fromJson(JsonObject json) {
    String name = json.getString("name");
    if (name == null || name.isBlank() || name.length() > 100 || name.contains("/")) {
      throw new IllegalArgumentException("a proxy needs a \"name\" of 1 to 100 characters without '/'");
    }
    return new ProxySpec(name, Endpoint.listen(json.getString("listen", "127.0.0.1:0")),
        Endpoint.parse(json.getString("upstream")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("listen", listen.toString()).put("upstream", upstream.toString());
  }
}
