package org.cinderemu.common.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * RabbitMQ's firehose tracer on a test vhost, the way the reference messages were captured: every
 * publish is copied to {@code amq.rabbitmq.trace} with its exchange, routing keys and properties.
 */
public final class Firehose implements AutoCloseable {

  /** One traced publish, in the captured files' terms. */
  public record Traced(String exchange, String routingKey, JsonObject properties, JsonObject body) {
    public JsonObject inner() {
      return new JsonObject(body.getString("oslo.message"));
    }

    public String method() {
      return inner().getString("method");
    }
  }

  private final TestBroker broker;
  private final RabbitMQClient client;
  private final List<Traced> seen = new CopyOnWriteArrayList<>();

  public Firehose(Vertx vertx, TestBroker broker) throws Exception {
    this.broker = broker;
    TestBroker.rabbitmqctl("trace_on", "-p", broker.vhost());
    client = RabbitMQClient.create(vertx, new RabbitMQOptions().setVirtualHost(broker.vhost()));
    client.start().await(10, TimeUnit.SECONDS);
    String queue = "emu.firehose.capture";
    client.queueDeclare(queue, false, true, true).await(10, TimeUnit.SECONDS);
    client.queueBind(queue, "amq.rabbitmq.trace", "publish.#").await(10, TimeUnit.SECONDS);
    client.basicConsumer(queue, new QueueOptions().setAutoAck(true)).await(10, TimeUnit.SECONDS)
        .handler(this::onTrace);
  }

  private void onTrace(RabbitMQMessage m) {
    Map<String, Object> h = m.properties().getHeaders();
    String exchange = String.valueOf(h.get("exchange_name"));
    Object keys = h.get("routing_keys");
    String key = keys instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : "";
    JsonObject props = new JsonObject();
    if (h.get("properties") instanceof Map<?, ?> p) {
      p.forEach((k, v) -> props.put(String.valueOf(k), v instanceof Map<?, ?> ? new JsonObject() : str(v)));
    }
    JsonObject body;
    try {
      body = new JsonObject(m.body());
    } catch (RuntimeException e) {
      body = new JsonObject().put("unparsed", m.body().toString());
    }
    seen.add(new Traced(exchange, key, props, body));
  }

  private static Object str(Object v) {
    return v instanceof Number || v instanceof Boolean ? v : String.valueOf(v);
  }

  public List<Traced> all() {
    return List.copyOf(seen);
  }

  public List<Traced> matching(Predicate<Traced> p) {
    return seen.stream().filter(p).toList();
  }

  public static JsonArray keys(JsonObject o) {
    return new JsonArray(List.copyOf(o.fieldNames()));
  }

  @Override
  public void close() {
    try {
      client.stop().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the vhost goes away with the broker fixture anyway
    }
    TestBroker.rabbitmqctl("trace_off", "-p", broker.vhost());
  }
}
