package org.cinderemu.deploy.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.deploy.StateDir;

/**
 * Closes one service child's AMQP connection(s) (docs/chaos.md "Broker faults"). {@code SOCKET} asks the child's
 * admin endpoint to drop them ({@code POST /chaos/connection/close}); {@code RABBITMQCTL} asks a local RabbitMQ to
 * close them by the names the endpoint lists, a real broker-side close (320 CONNECTION_FORCED). Either way the
 * client's automatic recovery reconnects. Blocking: for the CLI and the experiment runner.
 */
public final class ConnectionFault {

  /** How the connection is closed. */
  public enum Via { SOCKET, RABBITMQCTL }

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT).build();

  private final StateDir state;
  private final RabbitmqCtl rabbitmqctl;

  public ConnectionFault(StateDir state) {
    this(state, RabbitmqCtl.DEFAULT);
  }

  ConnectionFault(StateDir state, RabbitmqCtl rabbitmqctl) {
    this.state = state;
    this.rabbitmqctl = rabbitmqctl;
  }

  /** Closes {@code child}'s connections; returns their names. */
  public List<String> close(String child, Via via) {
    String admin = adminUrl(child);
    if (via == Via.SOCKET) {
      JsonObject r = new JsonObject(send(HttpRequest.newBuilder(URI.create(admin + "/chaos/connection/close"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")), child));
      return r.getJsonArray("closed", new JsonArray()).stream().map(String::valueOf).toList();
    }
    return closeByName(connectionNames(child), child);
  }

  /** Has the local RabbitMQ close the connections named {@code names} (of {@code child}); returns those closed. */
  List<String> closeByName(List<String> names, String child) {
    List<String> closed = new ArrayList<>();
    for (String line : rabbitmqctl.run(rabbitmqctl.listConnectionsCommand()).split("\n")) {
      int tab = line.indexOf('\t');
      // a name is binary:pid:uuid, unique: quoted, it matches only its own connection's properties
      String name = tab < 0 ? null : names.stream().filter(n -> line.contains("\"" + n + "\"")).findFirst()
          .orElse(null);
      if (name != null) {
        rabbitmqctl.run(rabbitmqctl.closeConnectionCommand(line.substring(0, tab).strip(), "cinder-emu chaos: "
            + "broker closed the connection of " + child));
        closed.add(name);
      }
    }
    if (closed.isEmpty()) {
      throw new ChaosException("RabbitMQ has none of " + child + "'s connections " + names
          + " (is the stack's broker this machine's RabbitMQ?)");
    }
    return closed;
  }

  /** The names of {@code child}'s open connections, as {@code GET /chaos/connection} lists them. */
  public List<String> connectionNames(String child) {
    JsonObject r = new JsonObject(send(HttpRequest.newBuilder(URI.create(adminUrl(child) + "/chaos/connection"))
        .GET(), child));
    return r.getJsonArray("connections", new JsonArray()).stream()
        .map(c -> ((JsonObject) c).getString("name")).toList();
  }

  private String adminUrl(String child) {
    try {
      return Files.readString(state.adminFile(child)).strip();
    } catch (IOException e) {
      throw new ChaosException("no admin endpoint for " + child + " in " + state + " (" + state.adminFile(child)
          + "): is it a child `status` lists, and running?");
    }
  }

  private static String send(HttpRequest.Builder request, String child) {
    try {
      HttpResponse<String> r = HTTP.send(request.timeout(TIMEOUT).header("Content-Type", "application/json")
          .build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new ChaosException(child + " refused: " + r.statusCode() + " " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new ChaosException(child + "'s admin endpoint does not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChaosException("interrupted", e);
    }
  }
}
