package org.cinderemu.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.cinderemu.common.rpc.TransportUrl;

/** Pre-flight checks of `up`, so a missing broker or a taken port fails in one clear line, not in four logs. */
public final class NetworkChecks {

  private static final int FIRST_QUIET_PORT = 20000;
  private static final int FIRST_EPHEMERAL_PORT = 32768;

  private NetworkChecks() {
  }

  /** Passes when any broker of the URL accepts a TCP connection (oslo fails over between them). */
  public static void requireBrokerReachable(TransportUrl url, Duration timeout) {
    StringBuilder failures = new StringBuilder();
    for (TransportUrl.Broker hp : url.brokers()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(hp.host(), hp.port()), (int) timeout.toMillis());
        return;
      } catch (IOException e) {
        failures.append(failures.length() == 0 ? "" : "; ").append(hp).append(": ").append(e.getMessage());
      }
    }
    throw new LaunchException("RabbitMQ is not reachable at " + failures + " (transport_url = " + url.masked()
        + ").\nStart RabbitMQ there, for example:\n"
        + "  sudo systemctl start rabbitmq-server\n"
        + "  docker run -d --name rabbitmq -p 5672:5672 rabbitmq:3-management\n"
        + "or run `cinder-emu up --config FILE` with a [DEFAULT] transport_url that points at a running broker.");
  }

  /** Fails when host:port cannot be bound, naming the option so the operator knows what to change. */
  public static void requirePortFree(String host, int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new LaunchException(what + " " + host + ":" + port + " is not available (" + e.getMessage()
          + "); is another stack running? Choose another port with --api-port.");
    }
  }

  /**
   * A TCP port free on 127.0.0.1 right now (for the database server the stack starts). It is drawn below
   * Linux's ephemeral range (32768+): a port there cannot be taken by some outgoing connection in the moment
   * between this check and the child process binding it.
   */
  public static int freeLoopbackPort() {
    return freeLoopbackPort(FIRST_QUIET_PORT, FIRST_EPHEMERAL_PORT);
  }

  /** A TCP port in [from, to) free on 127.0.0.1 right now, drawn at random. */
  public static int freeLoopbackPort(int from, int to) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate = ThreadLocalRandom.current().nextInt(from, to);
      try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // someone listens there: draw again
      }
    }
    throw new LaunchException("no free port on 127.0.0.1 between " + from + " and " + to);
  }
}
