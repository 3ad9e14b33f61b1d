package org.cinderemu.common.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP forwarder to one target, standing for a second broker node: closing it drops every connection
 * through it and refuses new ones, as a broker that dies would.
 */
public final class TcpProxy implements AutoCloseable {

  private final NetServer server;
  private final NetClient client;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();

  private TcpProxy(NetServer server, NetClient client) {
    this.server = server;
    this.client = client;
  }

  public static TcpProxy start(Vertx vertx, String targetHost, int targetPort) throws Exception {
    NetClient client = vertx.createNetClient();
    NetServer server = vertx.createNetServer();
    TcpProxy proxy = new TcpProxy(server, client);
    server.connectHandler(inbound -> proxy.forward(inbound, targetHost, targetPort));
    server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    return proxy;
  }

  private void forward(NetSocket inbound, String host, int port) {
    inbound.pause();
    client.connect(port, host).onSuccess(outbound -> {
      open.add(inbound);
      open.add(outbound);
      inbound.closeHandler(v -> drop(inbound, outbound));
      outbound.closeHandler(v -> drop(inbound, outbound));
      inbound.handler(outbound::write);
      outbound.handler(inbound::write);
      inbound.resume();
    }).onFailure(e -> inbound.close());
  }

  private void drop(NetSocket a, NetSocket b) {
    open.remove(a);
    open.remove(b);
    a.close();
    b.close();
  }

  public int port() {
    return server.actualPort();
  }

  /** Connections forwarded right now. */
  public int connections() {
    return open.size() / 2;
  }

  @Override
  public void close() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    open.forEach(NetSocket::close);
    client.close().await(10, TimeUnit.SECONDS);
  }
}
