package org.cinderemu.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.testing.TestBroker;
import org.cinderemu.common.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consumer side of {@code emulator_delivery_mode = reliable} (docs/chaos.md "Delivery modes") against the real
 * broker: a cast whose handler crashes is redelivered and given up after {@link ReliableDelivery#MAX_ATTEMPTS}, and
 * copies of a handled cast (same {@code _unique_id}) are not handled again, not even by a server started later.
 */
class ReliableDeliveryIT {

  static TestBroker broker;
  static Vertx vertx;
  static TestDatabases.TestDatabase testDb;
  static Database db;

  @BeforeAll
  static void start() throws Exception {
    broker = TestBroker.create();  // its own vhost: the control exchange is durable in this mode
    vertx = Vertx.vertx();
    testDb = TestDatabases.create(Dialect.H2);
    db = Database.open(vertx, testDb.url()).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    broker.close();
    testDb.close();
  }

  static RpcTransport transport(String name) throws Exception {
    RpcConfig config = RpcConfig.from(broker.apply(CinderConf.empty())
        .with(RpcConfig.RABBIT, "emulator_delivery_mode", "reliable")
        .with(RpcConfig.RABBIT, "rabbit_retry_interval", "1")
        .with(CinderConf.DEFAULT, "rpc_response_timeout", "5"));
    return RpcTransport.connect(vertx, config, name).await(30, TimeUnit.SECONDS);
  }

  static final RequestLedger LEDGER = new RequestLedger() {
    @Override
    public Future<Boolean> handled(String uniqueId) {
      return db.handledRequests().contains(uniqueId);
    }

    @Override
    public Future<Void> record(String uniqueId, String method) {
      return db.handledRequests().add(uniqueId, method);
    }
  };

  static RpcServer server(RpcTransport t, String topic, String method, RpcHandler handler) throws Exception {
    RpcServer s = new RpcServer(t, Target.server(topic, "h"), new RpcDispatcher("3.0").register(method, handler),
        LEDGER);
    s.start().await(30, TimeUnit.SECONDS);
    return s;
  }

  static Future<Void> publish(RpcTransport t, String topic, JsonObject inner) {
    return t.publish(new OutgoingMessage(t.config().controlExchange(), topic, inner, null, OutgoingMessage.Kind.CAST));
  }

  @Test
  void aCrashingCastIsRedeliveredThenGivenUp() throws Exception {
    RpcTransport t = transport("crash");
    AtomicInteger runs = new AtomicInteger();
    server(t, "rel-crash", "boom", (ctx, args) -> {
      runs.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("the handler crashed"));
    });
    new RpcClient(t).cast(Target.topic("rel-crash").withVersion("3.0"), RequestContext.admin(), "boom",
        new JsonObject()).await(10, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(30)).until(() -> t.stats().givenUp.get() == 1);
    assertThat(runs.get()).isEqualTo(ReliableDelivery.MAX_ATTEMPTS);
    assertThat(t.stats().requeued.get()).isEqualTo(ReliableDelivery.MAX_ATTEMPTS - 1);
    // acked in the end: nothing left on the queue to loop on
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.queues())
        .filteredOn(q -> q.getString("name").equals("rel-crash"))
        .allSatisfy(q -> assertThat(q.getInteger("messages")).isZero()));
    assertThat(runs.get()).isEqualTo(ReliableDelivery.MAX_ATTEMPTS);
  }

  @Test
  void copiesOfAHandledCastAreNotHandledAgainEvenAfterARestart() throws Exception {
    RpcTransport first = transport("once-1");
    AtomicInteger runs = new AtomicInteger();
    RpcHandler once = (ctx, args) -> {
      runs.incrementAndGet();
      return Future.succeededFuture();
    };
    RpcServer s1 = server(first, "rel-once", "once", once);
    JsonObject inner = RpcRequest.cast(RequestContext.admin(), "once", new JsonObject(), "3.0").toInner();
    publish(first, "rel-once", inner).await(10, TimeUnit.SECONDS);
    publish(first, "rel-once", inner).await(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(20)).until(() -> first.stats().duplicates.get() == 1 && runs.get() == 1);
    assertThat(db.handledRequests().contains(inner.getString("_unique_id")).await(10, TimeUnit.SECONDS)).isTrue();

    // the service restarts: a new connection and server, nothing in memory; the table still knows the request
    s1.stop().await(10, TimeUnit.SECONDS);
    first.close().await(10, TimeUnit.SECONDS);
    RpcTransport second = transport("once-2");
    server(second, "rel-once", "once", once);
    publish(second, "rel-once", inner).await(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(20)).until(() -> second.stats().duplicates.get() == 1);
    assertThat(runs.get()).isEqualTo(1);
  }
}
