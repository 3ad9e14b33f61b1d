package org.cinderemu.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder to one target, standing for a second broker node or a machine's route to a server: closing it
 * drops every connection through it and refuses new ones, as a node that dies would. Plain sockets and a thread
 * per direction, so that a busy event loop of the test can never stall what it forwards.
 */
public final class TcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private TcpProxy(ServerSocket server, String targetHost, int targetPort) {
    this.server = server;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  public static TcpProxy start(String targetHost, int targetPort) throws IOException {
    return start("127.0.0.1", targetHost, targetPort);
  }

  /** Listens on {@code bindHost} (e.g. the host side of a network namespace's veth pair), any free port. */
  public static TcpProxy start(String bindHost, String targetHost, int targetPort) throws IOException {
    TcpProxy proxy = new TcpProxy(new ServerSocket(0, 50, InetAddress.getByName(bindHost)), targetHost, targetPort);
    daemon(proxy::acceptLoop, "tcp-proxy-" + proxy.port());
    return proxy;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket inbound = server.accept();
        Socket outbound;
        try {
          outbound = new Socket(targetHost, targetPort);
        } catch (IOException targetDown) {
          inbound.close();
          continue;
        }
        inbound.setTcpNoDelay(true);
        outbound.setTcpNoDelay(true);
        open.add(inbound);
        open.add(outbound);
        daemon(() -> pump(inbound, outbound), "tcp-proxy-in");
        daemon(() -> pump(outbound, inbound), "tcp-proxy-out");
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException dropped) {
      // either side went away: drop both, as a dead node would
    } finally {
      drop(from);
      drop(to);
    }
  }

  private void drop(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Connections forwarded right now. */
  public int connections() {
    return open.size() / 2;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    open.forEach(this::drop);
  }
}
