package org.cinderemu.volume.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.cinderemu.common.data.DataConnectionInfo;
import org.cinderemu.common.data.DataProtocol;
import org.cinderemu.common.http.HttpServerLimits;
import org.cinderemu.common.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data endpoint against hostile clients: refused bodies are never buffered (the heap stays flat while a
 * client pushes a gigabyte), endless bodies are cut off, idle connections and unanswered requests time out.
 */
class VolumeDataServerLimitsTest {

  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;
  /** Generous: the heap must not follow the body, whose size is 1 GiB. */
  private static final long HEAP_BOUND = 64 * MIB;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Vertx vertx;
  private VolumeDataServer server;
  private String token;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private void start(HttpServerLimits limits) throws Exception {
    InMemoryDataStore store = new InMemoryDataStore();
    server = sync(new VolumeDataServer(vertx, store, "127.0.0.1", 0, null, limits, new ExportTokens()).start());
    sync(store.create("vol-a", 4096));
    token = DataConnectionInfo.fromJson(sync(server.initializeConnection("vol-a", "backup-host"))).token();
  }

  private static <T> T sync(Future<T> f) throws Exception {
    return f.await(60, TimeUnit.SECONDS);
  }

  @Test
  void aGigabyteUnauthenticatedPutLeavesTheHeapFlat() throws Exception {
    start(HttpServerLimits.DEFAULTS);
    HeapSampler heap = HeapSampler.start();
    try (RawHttp conn = RawHttp.connect(server.actualPort())) {
      conn.send("PUT /volumes/vol-a?offset=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + GIB + "\r\n\r\n");
      long sent = conn.stream(GIB, false);
      heap.stop();
      System.out.printf("1 GiB unauthenticated PUT: %d MiB sent before the cut; used heap after GC: before %d MiB,"
          + " peak %d MiB, after %d MiB%n", sent / MIB, heap.before / MIB, heap.peak() / MIB, heap.after / MIB);
      assertThat(heap.peak() - heap.before).isLessThan(HEAP_BOUND);
      assertThat(sent).isLessThan(GIB);
      await().atMost(WAIT).until(conn::isClosed);
      assertThat(conn.received()).startsWith("HTTP/1.1 403");
    }
    assertStillServing();
  }

  @Test
  void anEndlessChunkedBodyIsCutOff() throws Exception {
    start(HttpServerLimits.DEFAULTS);
    long limit = 512 * MIB; // "endless": far more than the server may take in
    HeapSampler heap = HeapSampler.start();
    try (RawHttp conn = RawHttp.connect(server.actualPort())) {
      // a valid token, but the endpoint wants a Content-Length: 411, and the body is not read
      conn.send("PUT /volumes/vol-a?offset=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n" + DataProtocol.TOKEN_HEADER + ": "
          + token + "\r\nTransfer-Encoding: chunked\r\n\r\n");
      long sent = conn.stream(limit, true);
      heap.stop();
      System.out.printf("endless chunked PUT: cut after %d MiB; used heap after GC: before %d MiB, peak %d MiB,"
          + " after %d MiB%n", sent / MIB, heap.before / MIB, heap.peak() / MIB, heap.after / MIB);
      assertThat(heap.peak() - heap.before).isLessThan(HEAP_BOUND);
      assertThat(sent).isLessThan(limit);
      await().atMost(WAIT).until(conn::isClosed);
      assertThat(conn.received()).startsWith("HTTP/1.1 411");
    }
    assertStillServing();
  }

  @Test
  void aSmallRefusedBodyKeepsTheConnection() throws Exception {
    start(HttpServerLimits.DEFAULTS);
    try (RawHttp conn = RawHttp.connect(server.actualPort())) {
      conn.send("PUT /volumes/vol-a?offset=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello");
      conn.send("HEAD /volumes/vol-a HTTP/1.1\r\nHost: 127.0.0.1\r\n" + DataProtocol.TOKEN_HEADER + ": " + token
          + "\r\n\r\n");
      await().atMost(WAIT).until(() -> conn.received().contains("HTTP/1.1 200"));
      assertThat(conn.received()).startsWith("HTTP/1.1 403").contains(DataProtocol.SIZE_HEADER + ": 4096");
      assertThat(conn.isClosed()).isFalse();
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterClientSocketTimeout() throws Exception {
    start(new HttpServerLimits(Duration.ofMillis(500), HttpServerLimits.DEFAULTS.requestTimeout()));
    try (RawHttp conn = RawHttp.connect(server.actualPort())) {
      conn.send("HEAD /volumes/vol-a HTTP/1.1\r\nHost: 127.0.0.1\r\n" + DataProtocol.TOKEN_HEADER + ": " + token
          + "\r\n\r\n");
      await().atMost(WAIT).until(() -> conn.received().contains("\r\n\r\n"));
      assertThat(conn.received()).startsWith("HTTP/1.1 200");
      // the kept-alive connection then carries nothing
      assertThat(conn.closedWithin(WAIT)).isTrue();
    }
  }

  @Test
  void aRequestUnansweredInTimeGets503AndItsUnfinishedBodyIsCut() throws Exception {
    start(new HttpServerLimits(Duration.ofMinutes(5), Duration.ofMillis(500)));
    try (RawHttp conn = RawHttp.connect(server.actualPort())) {
      conn.send("PUT /volumes/vol-a?offset=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n" + DataProtocol.TOKEN_HEADER + ": "
          + token + "\r\nContent-Length: 1000\r\n\r\nonly a part of it");
      assertThat(conn.closedWithin(WAIT)).isTrue();
      assertThat(conn.received()).startsWith("HTTP/1.1 503").contains("request not answered within");
    }
    assertStillServing();
  }

  private void assertStillServing() throws Exception {
    try (RawHttp conn = RawHttp.connect(server.actualPort())) {
      conn.send("HEAD /volumes/vol-a HTTP/1.1\r\nHost: 127.0.0.1\r\n" + DataProtocol.TOKEN_HEADER + ": " + token
          + "\r\nConnection: close\r\n\r\n");
      assertThat(conn.closedWithin(WAIT)).isTrue();
      assertThat(conn.received()).startsWith("HTTP/1.1 200").contains(DataProtocol.SIZE_HEADER + ": 4096");
    }
  }

  /** Used heap after a full GC, sampled while a transfer runs (the live set, not the garbage of copying). */
  private static final class HeapSampler {
    final long before = usedAfterGc();
    final AtomicLong peak = new AtomicLong(before);
    final AtomicBoolean running = new AtomicBoolean(true);
    final Thread thread = new Thread(this::sample, "heap-sampler");
    long after;

    static HeapSampler start() {
      HeapSampler s = new HeapSampler();
      s.thread.setDaemon(true);
      s.thread.start();
      return s;
    }

    private void sample() {
      while (running.get()) {
        peak.accumulateAndGet(usedAfterGc(), Math::max);
        try {
          Thread.sleep(100); // the sampling period, not a wait for a condition
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
      after = usedAfterGc();
      peak.accumulateAndGet(after, Math::max);
    }

    long peak() {
      return peak.get();
    }

    static long usedAfterGc() {
      System.gc();
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
  }
}
