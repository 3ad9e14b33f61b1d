package org.cinderemu.common.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;

/**
 * A private RabbitMQ vhost for one test class: every run declares its queues there and the vhost is
 * deleted afterwards, so tests sharing the machine's broker never see each other's messages.
 */
public final class TestBroker implements AutoCloseable {

  private final String vhost;
  private final String host;
  private final int port;

  private TestBroker(String vhost, String host, int port) {
    this.vhost = vhost;
    this.host = host;
    this.port = port;
  }

  public static TestBroker create() {
    String vhost = "cemu-test-" + UUID.randomUUID().toString().substring(0, 8);
    rabbitmqctl("add_vhost", vhost);
    rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    return new TestBroker(vhost, "127.0.0.1", 5672);
  }

  public String vhost() {
    return vhost;
  }

  /** oslo's transport_url for this vhost. */
  public String transportUrl() {
    return "rabbit://guest:guest@" + host + ":" + port + "/" + vhost;
  }

  /** A conf with this broker's transport_url set. */
  public CinderConf apply(CinderConf conf) {
    return conf.with(CinderConf.DEFAULT, "transport_url", transportUrl());
  }

  public List<JsonObject> queues() {
    return list("list_queues", "name", "durable", "auto_delete", "exclusive", "arguments", "consumers", "messages");
  }

  /** Each queue's RabbitMQ type ({@code classic}, {@code quorum}) and durability. */
  public List<JsonObject> queueTypes() {
    return list("list_queues", "name", "type", "durable");
  }

  public List<JsonObject> exchanges() {
    return list("list_exchanges", "name", "type", "durable", "auto_delete", "internal", "arguments");
  }

  public List<JsonObject> bindings() {
    return list("list_bindings", "source_name", "source_kind", "destination_name", "destination_kind",
        "routing_key", "arguments");
  }

  private List<JsonObject> list(String command, String... columns) {
    List<String> args = new ArrayList<>(List.of(command, "-p", vhost, "--formatter", "json", "-q"));
    args.addAll(List.of(columns));
    JsonArray rows = new JsonArray(rabbitmqctl(args.toArray(String[]::new)));
    List<JsonObject> out = new ArrayList<>();
    rows.forEach(r -> out.add((JsonObject) r));
    return out;
  }

  @Override
  public void close() {
    rabbitmqctl("delete_vhost", vhost);
  }

  static String rabbitmqctl(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("rabbitmqctl");
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + err + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("rabbitmqctl is needed by the integration tests", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
