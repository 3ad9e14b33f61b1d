package org.cinderemu.deploy.chaos.proxy;

import io.netty.channel.ChannelOption;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection through a proxy: the client's socket, the one to the upstream, a {@link Pipe} each way and the
 * timers of the toxics that end a connection (timeout, reset_peer). Whether a toxic applies to this connection is
 * drawn once per toxic, with its toxicity.
 */
final class Link {

  private static final Logger LOG = LoggerFactory.getLogger(Link.class);

  private final Proxy proxy;
  private final NetSocket client;
  private final NetSocket upstream;
  private final Pipe up;
  private final Pipe down;
  private final Map<String, Boolean> drawn = new HashMap<>();
  private final Map<String, Long> timers = new HashMap<>();
  private boolean closed;

  Link(Proxy proxy, NetSocket client, NetSocket upstream) {
    this.proxy = proxy;
    this.client = client;
    this.upstream = upstream;
    this.up = new Pipe(this, client, upstream, Toxic.Stream.UPSTREAM);
    this.down = new Pipe(this, upstream, client, Toxic.Stream.DOWNSTREAM);
  }

  void start() {
    // a socket's end (the peer closed it) reaches its pipe, which closes the link once the data waiting is out
    client.exceptionHandler(e -> LOG.debug("{}: client side: {}", proxy.name(), e.toString()));
    upstream.exceptionHandler(e -> LOG.debug("{}: upstream side: {}", proxy.name(), e.toString()));
    up.start();
    down.start();
    client.resume();
    toxicsChanged();
  }

  Vertx vertx() {
    return proxy.vertx();
  }

  boolean partitioned() {
    return proxy.partitioned();
  }

  boolean isClosed() {
    return closed;
  }

  /** The toxics of {@code stream} that apply to this connection. */
  List<Toxic> toxics(Toxic.Stream stream) {
    return proxy.toxics().stream().filter(t -> t.stream() == stream).filter(this::applies).toList();
  }

  private boolean applies(Toxic t) {
    return drawn.computeIfAbsent(t.name(), n -> ThreadLocalRandom.current().nextDouble() < t.toxicity());
  }

  /** Starts the timers of new timeout and reset_peer toxics, forgets removed ones, and lets waiting data go. */
  void toxicsChanged() {
    List<Toxic> now = proxy.toxics();
    timers.entrySet().removeIf(e -> {
      boolean gone = now.stream().noneMatch(t -> t.name().equals(e.getKey()));
      if (gone) {
        vertx().cancelTimer(e.getValue());
      }
      return gone;
    });
    drawn.keySet().removeIf(name -> now.stream().noneMatch(t -> t.name().equals(name)));
    for (Toxic t : now) {
      if (timers.containsKey(t.name()) || !applies(t)) {
        continue;
      }
      if (t.type() == ToxicType.RESET_PEER) {
        timers.put(t.name(), vertx().setTimer(Math.max(1, t.attribute("timeout")), id -> reset()));
      } else if (t.type() == ToxicType.TIMEOUT && t.attribute("timeout") > 0) {
        timers.put(t.name(), vertx().setTimer(t.attribute("timeout"), id -> close()));
      }
    }
    flowChanged();
  }

  /** The partition began or ended: pause or resume both sources, send what waited. */
  void flowChanged() {
    up.updateFlow();
    down.updateFlow();
    up.drain();
    down.drain();
  }

  /** The source of {@code stream} has ended and its data is out: close, late by its slow_close toxics. */
  void closeAfter(Toxic.Stream stream) {
    long delay = toxics(stream).stream().filter(t -> t.type() == ToxicType.SLOW_CLOSE)
        .mapToLong(t -> t.attribute("delay")).sum();
    if (delay == 0) {
      close();
    } else {
      vertx().setTimer(delay, id -> close());
    }
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    timers.values().forEach(vertx()::cancelTimer);
    timers.clear();
    up.stop();
    down.stop();
    client.close();
    upstream.close();
    proxy.closed(this);
  }

  /** Both sockets closed with SO_LINGER 0: each peer gets a TCP RST ("connection reset by peer"). */
  void reset() {
    lingerZero(client);
    lingerZero(upstream);
    close();
  }

  private static void lingerZero(NetSocket socket) {
    if (socket instanceof NetSocketInternal internal) {
      internal.channelHandlerContext().channel().config().setOption(ChannelOption.SO_LINGER, 0);
    }
  }
}
