package org.cinderemu.deploy.chaos.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxy: a loopback listener whose every connection is joined to {@code upstream} through the proxy's toxics.
 * Disabled, it listens on nothing and its connections are closed (Toxiproxy's {@code enabled: false});
 * partitioned, nothing passes either way until the partition ends, and with {@code dropConnections} the
 * connections are reset and new ones refused meanwhile. Called only on the {@link ProxyServer}'s event loop.
 */
final class Proxy {

  private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);

  private final Vertx vertx;
  private final NetClient client;
  private final String name;
  private final Endpoint listen;
  private Endpoint upstream;
  private final Map<String, Toxic> toxics = new LinkedHashMap<>();
  private final Set<Link> links = new LinkedHashSet<>();
  private NetServer server;
  private int port;
  private boolean partitioned;
  private boolean dropping;

  Proxy(Vertx vertx, NetClient client, String name, Endpoint listen, Endpoint upstream) {
    this.vertx = vertx;
    this.client = client;
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
    this.port = listen.port();
  }

  String name() {
    return name;
  }

  Vertx vertx() {
    return vertx;
  }

  boolean partitioned() {
    return partitioned;
  }

  List<Toxic> toxics() {
    return List.copyOf(toxics.values());
  }

  boolean enabled() {
    return server != null;
  }

  /** Listens (again on the same port once it had one); a no-op when enabled. */
  Future<Proxy> enable() {
    if (server != null) {
      return Future.succeededFuture(this);
    }
    NetServer s = vertx.createNetServer(new NetServerOptions().setHost(listen.host()).setPort(port));
    s.connectHandler(this::accept);
    return s.listen().map(bound -> {
      server = bound;
      port = bound.actualPort();
      LOG.info("proxy {} listening on {}:{} for {}", name, listen.host(), port, upstream);
      return this;
    });
  }

  /** Stops listening and closes every connection. */
  Future<Void> disable() {
    new ArrayList<>(links).forEach(Link::close);
    if (server == null) {
      return Future.succeededFuture();
    }
    NetServer s = server;
    server = null;
    LOG.info("proxy {} disabled", name);
    return s.close();
  }

  void upstream(Endpoint to) {
    this.upstream = to;
  }

  private void accept(NetSocket socket) {
    socket.pause();  // nothing is read before the upstream side is there
    socket.exceptionHandler(e -> LOG.debug("proxy {}: client side: {}", name, e.toString()));
    if (dropping) {
      socket.close();
      return;
    }
    client.connect(upstream.port(), upstream.host()).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("proxy {}: upstream {} refused: {}", name, upstream, ar.cause().getMessage());
        socket.close();
        return;
      }
      Link link = new Link(this, socket, ar.result());
      links.add(link);
      link.start();
    });
  }

  void closed(Link link) {
    links.remove(link);
  }

  /** Adds a toxic; false if one of its name is there already. */
  boolean addToxic(Toxic toxic) {
    if (toxics.putIfAbsent(toxic.name(), toxic) != null) {
      return false;
    }
    LOG.info("proxy {}: toxic {} added", name, toxic.toJson().encode());
    List.copyOf(links).forEach(Link::toxicsChanged);
    return true;
  }

  boolean removeToxic(String toxic) {
    if (toxics.remove(toxic) == null) {
      return false;
    }
    LOG.info("proxy {}: toxic {} removed", name, toxic);
    List.copyOf(links).forEach(Link::toxicsChanged);
    return true;
  }

  /** Begins or ends a partition; {@code drop} also resets the connections and refuses new ones until it ends. */
  void partition(boolean on, boolean drop) {
    partitioned = on;
    dropping = on && drop;
    LOG.info("proxy {}: partition {}{}", name, on ? "on" : "off", dropping ? " (connections dropped)" : "");
    if (dropping) {
      new ArrayList<>(links).forEach(Link::reset);
    }
    List.copyOf(links).forEach(Link::flowChanged);
  }

  /** Back to a clean proxy: no toxics, no partition, listening. */
  Future<Proxy> reset() {
    toxics.clear();
    partition(false, false);
    List.copyOf(links).forEach(Link::toxicsChanged);
    return enable();
  }

  JsonObject toJson() {
    JsonArray t = new JsonArray();
    toxics.values().forEach(x -> t.add(x.toJson()));
    return new JsonObject().put("name", name).put("listen", listen.host() + ":" + port)
        .put("upstream", upstream.toString()).put("enabled", enabled()).put("partitioned", partitioned)
        .put("drop_connections", dropping).put("connections", links.size()).put("toxics", t);
  }
}
