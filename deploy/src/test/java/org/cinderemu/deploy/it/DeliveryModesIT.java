package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.IncomingMessage;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcInterceptor;
import org.cinderemu.common.rpc.RpcInvocation;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.scheduler.SchedulerVerticle;
import org.cinderemu.volume.VolumeVerticle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof of the two delivery modes (docs/chaos.md "Delivery modes"): 200 creates in flight, the broker
 * restarted under them. In {@code oslo} mode the create_volume casts that were published but never dispatched are
 * exactly the volumes left in {@code creating}; in {@code reliable} mode all 200 end {@code available} with quota
 * and pool capacity exact. The scheduler and the volume services come back after the API (their login is refused until
 * the API's casts are out), as services on other machines do. The broker is a node of this class's own
 * ({@link PrivateRabbit}), so the restart never touches the one the other ITs share.
 */
class DeliveryModesIT {

  static final int CREATES = 200;
  static final int BEFORE_RESTART = 50;
  static PrivateRabbit rabbit;

  @BeforeAll
  static void startBroker() throws Exception {
    rabbit = PrivateRabbit.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (rabbit != null) {
      rabbit.close();
    }
  }

  /** create_volume casts the stack published (confirmed, in reliable mode) and create_volume requests dispatched. */
  static final class CreateCasts implements RpcInterceptor {
    final AtomicInteger published = new AtomicInteger();
    final AtomicInteger dispatched = new AtomicInteger();

    @Override
    public void invocationEnded(RpcInvocation invocation, long elapsedNanos, Throwable failure) {
      if (failure == null && invocation.callType() == RpcInvocation.CallType.CAST
          && "create_volume".equals(invocation.method())) {
        published.incrementAndGet();
      }
    }

    @Override
    public void dispatchStarted(Target server, IncomingMessage message) {
      if ("create_volume".equals(message.request().method())) {
        dispatched.incrementAndGet();
      }
    }

    int lost() {
      return published.get() - dispatched.get();
    }
  }

  /** A lab and the counters on its transports. */
  record Stack(Lab lab, CreateCasts casts, String consumers) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      lab.close();
    }
  }

  record Outcome(List<String> accepted, List<JsonObject> volumes, CreateCasts casts, CinderHttp cinder) {
    List<String> ids(String status) {
      return volumes.stream().filter(v -> status.equals(v.getString("status"))).map(v -> v.getString("id")).toList();
    }
  }

  @Test
  void osloModeLosesCastsAndLeavesTheirVolumesCreating() throws Exception {
    try (Stack stack = stack("oslo")) {
      Outcome o = createsAcrossARestart(stack);
      List<String> creating = o.ids("creating");
      System.out.printf("oslo: %d accepted, published %d create_volume casts, dispatched %d, lost %d; %d creating%n",
          o.accepted().size(), o.casts().published.get(), o.casts().dispatched.get(), o.casts().lost(),
          creating.size());
      assertThat(o.casts().lost()).as("create_volume casts published but never dispatched")
          .isEqualTo(creating.size())
          // the API cast them before the scheduler had declared its transient queue again
          .isEqualTo(CREATES - BEFORE_RESTART);
      assertThat(o.volumes()).allSatisfy(v -> assertThat(v.getString("status")).isIn("available", "creating",
          "error"));
    }
  }

  @Test
  void reliableModeLosesNothing() throws Exception {
    try (Stack stack = stack("reliable")) {
      Outcome o = createsAcrossARestart(stack);
      assertThat(o.accepted()).hasSize(CREATES);
      assertThat(o.volumes()).hasSize(CREATES)
          .allSatisfy(v -> assertThat(v.getString("status")).as(v.getString("id")).isEqualTo("available"));
      System.out.printf("reliable: %d available; published %d create_volume casts, dispatched %d%n",
          o.ids("available").size(), o.casts().published.get(), o.casts().dispatched.get());
      JsonObject quota = o.cinder().ok("GET", "/os-quota-sets/" + o.cinder().project + "?usage=True", null)
          .getJsonObject("quota_set");
      assertThat(quota.getJsonObject("volumes").getInteger("in_use")).isEqualTo(CREATES);
      assertThat(quota.getJsonObject("gigabytes").getInteger("in_use")).isEqualTo(CREATES);
      // each create counted once in its pool: the backends' last reports add up to the 200 GiB created
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
          assertThat(allocatedGb(o.cinder())).isEqualTo(CREATES));
    }
  }

  private static Stack stack(String mode) throws Exception {
    String vhost = "delivery-" + mode;
    rabbit.addVhost(vhost);
    Lab lab = new Lab(rabbit.transportUrl(vhost))
        .set(RpcConfig.RABBIT, "emulator_delivery_mode", mode)
        // the restart takes seconds; oslo's publishes wait for the broker this long (docs/cinder-reference.md §2.3)
        .set(CinderConf.DEFAULT, "rpc_response_timeout", "120");
    lab.api();
    // the scheduler and the volume services log in as a user of their own, so the test can keep them from coming
    // back (a wrong password while the broker is away) until the API has cast into the restarted broker
    String consumers = "services-" + mode;
    rabbit.addUser(consumers, consumers, vhost);
    lab.set(CinderConf.DEFAULT, "transport_url", rabbit.transportUrl(consumers, consumers, vhost));
    List<RpcTransport> transports = new ArrayList<>(List.of(lab.apiVerticle().transport()));
    SchedulerVerticle scheduler = lab.scheduler();
    transports.add(scheduler.transport());
    for (String backend : List.of("lvmdriver-1", "whatever_it_is")) {
      VolumeVerticle v = lab.volume(backend);
      transports.add(v.transport());
    }
    CreateCasts casts = new CreateCasts();
    transports.forEach(t -> t.addInterceptor(casts));
    return new Stack(lab, casts, consumers);
  }

  private static Outcome createsAcrossARestart(Stack stack) throws Exception {
    CinderHttp cinder = new CinderHttp(stack.lab().apiVerticle().actualPort()).unlimited()
        .patient(Duration.ofSeconds(120));
    // the scheduler has every backend's report before the first create
    await().atMost(Duration.ofSeconds(30)).until(() -> cinder.ok("GET", "/scheduler-stats/get_pools", null)
        .getJsonArray("pools").size() == 2);
    // a thread per create: those sent while the broker is away are all held at once
    ExecutorService pool = Executors.newFixedThreadPool(CREATES);
    List<String> accepted = new ArrayList<>();
    long started = System.nanoTime();
    try {
      List<Future<CinderHttp.Answer>> posts = new ArrayList<>();
      for (int i = 0; i < BEFORE_RESTART; i++) {
        posts.add(pool.submit(() -> createOne(cinder)));
      }
      awaitAll(posts);
      log(started, BEFORE_RESTART + " creates answered; stopping the broker");
      rabbit.changePassword(stack.consumers(), "not-yet");
      rabbit.stopApp();
      RpcTransport api = stack.lab().apiVerticle().transport();
      await().atMost(Duration.ofSeconds(30)).until(() -> !api.isConnected());
      // the rest are accepted while the broker is away: rows written, their casts waiting for a connection
      for (int i = BEFORE_RESTART; i < CREATES; i++) {
        posts.add(pool.submit(() -> createOne(cinder)));
      }
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> volumes(cinder).size() == CREATES);
      log(started, "all " + CREATES + " rows written; starting the broker");
      rabbit.startApp();
      log(started, "broker back");
      for (CinderHttp.Answer a : awaitAll(posts)) {
        if (a.status() == 202) {
          accepted.add(a.body().getJsonObject("volume").getString("id"));
        }
      }
      // every cast of the API is out; now the consumers come back, as services on other machines do, later
      log(started, "every create answered; the consumers may reconnect");
      rabbit.changePassword(stack.consumers(), stack.consumers());
    } finally {
      pool.shutdownNow();
    }
    CreateCasts casts = stack.casts();
    // settled: nothing transitional but creating, and the counters and statuses unchanged for 5 s
    List<List<Object>> last = new ArrayList<>();
    AtomicInteger stableFor = new AtomicInteger();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      List<JsonObject> vols = volumes(cinder);
      List<Object> now = List.of(casts.published.get(), casts.dispatched.get(),
          vols.stream().map(v -> v.getString("status")).sorted().toList());
      boolean same = !last.isEmpty() && last.get(0).equals(now);
      last.clear();
      last.add(now);
      boolean done = vols.stream().allMatch(v -> List.of("available", "error").contains(v.getString("status")));
      return done || (same ? stableFor.incrementAndGet() >= 5 : stableFor.getAndSet(0) < 0);
    });
    log(started, "settled");
    return new Outcome(accepted, volumes(cinder), casts, cinder);
  }

  private static CinderHttp.Answer createOne(CinderHttp cinder) {
    return cinder.send("POST", "/volumes", new JsonObject().put("volume", new JsonObject().put("size", 1)));
  }

  private static List<CinderHttp.Answer> awaitAll(List<Future<CinderHttp.Answer>> posts) throws Exception {
    List<CinderHttp.Answer> out = new ArrayList<>();
    for (Future<CinderHttp.Answer> f : posts) {
      out.add(f.get(120, TimeUnit.SECONDS));
    }
    return out;
  }

  private static void log(long started, String what) {
    System.out.printf("%6.1f s  %s%n", (System.nanoTime() - started) / 1e9, what);
  }

  private static List<JsonObject> volumes(CinderHttp cinder) {
    JsonArray all = cinder.ok("GET", "/volumes/detail?limit=1000", null).getJsonArray("volumes");
    List<JsonObject> out = new ArrayList<>();
    all.forEach(v -> out.add((JsonObject) v));
    return out;
  }

  private static int allocatedGb(CinderHttp cinder) {
    JsonArray pools = cinder.ok("GET", "/scheduler-stats/get_pools?detail=True", null).getJsonArray("pools");
    int sum = 0;
    for (Object p : pools) {
      sum += ((JsonObject) p).getJsonObject("capabilities").getInteger("allocated_capacity_gb");
    }
    return sum;
  }
}
