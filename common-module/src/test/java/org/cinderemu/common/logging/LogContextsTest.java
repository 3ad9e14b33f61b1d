package org.cinderemu.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogContextsTest {

  private static final LogContext A = new LogContext("req-a", "alice", "p1");
  private static final LogContext B = new LogContext("req-b", null, null);

  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** Runs {@code work} as {@code ctx} and waits for the log context seen by the end of its chain. */
  private static LogContext seenAfter(LogContext ctx, java.util.function.Supplier<Future<?>> work)
      throws Exception {
    CompletableFuture<LogContext> seen = new CompletableFuture<>();
    vertx.runOnContext(v -> LogContexts.runAs(vertx, ctx, () -> work.get()
        .onComplete(ar -> seen.complete(LogContexts.current()))));
    return seen.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theContextFollowsTimersAndBlockingHops() throws Exception {
    assertThat(seenAfter(A, () -> vertx.timer(5).compose(v -> vertx.executeBlocking(() -> 1))
        .compose(v -> vertx.timer(1)))).isEqualTo(A);
  }

  @Test
  void noContextOutsideARequest() throws Exception {
    assertThat(LogContexts.current()).isNull();
    CompletableFuture<LogContext> seen = new CompletableFuture<>();
    vertx.runOnContext(v -> seen.complete(LogContexts.current()));
    assertThat(seen.get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void aPromiseCompletedElsewhereContinuesOnItsMakersContext() throws Exception {
    assertThat(seenAfter(A, () -> {
      Promise<Void> p = LogContexts.promise(vertx);
      new Thread(p::complete).start();
      return p.future();
    })).isEqualTo(A);
  }

  @Test
  void aFutureCachedByOneRequestContinuesTheNextOnItsOwnContext() throws Exception {
    CompletableFuture<Future<Void>> cached = new CompletableFuture<>();
    seenAfter(A, () -> {
      Future<Void> f = vertx.timer(1).mapEmpty();
      cached.complete(f);
      return f;
    });
    Future<Void> first = cached.get();
    // without the rebinding, B's continuation would run on A's context and log as A
    assertThat(seenAfter(B, () -> first.compose(v -> vertx.timer(1)))).isEqualTo(A);
    assertThat(seenAfter(B, () -> LogContexts.onCurrentContext(first).compose(v -> vertx.timer(1)))).isEqualTo(B);
  }

  @Test
  void theConfiguredPatternPrintsTheContextInOsloShape() throws Exception {
    org.slf4j.Logger log = LoggerFactory.getLogger("logcontexts.test");
    List<LogCapture.Line> lines;
    try (LogCapture capture = LogCapture.of("logcontexts.test", "INFO")) {
      log.info("outside");
      seenAfter(A, () -> vertx.timer(1).onSuccess(v -> log.info("inside")));
      lines = capture.lines();
    }
    assertThat(lines).extracting(LogCapture.Line::context).containsExactly("-", "req-a alice p1");
    assertThat(lines.get(0).text()).endsWith("[-] outside");
    assertThat(lines.get(1).text()).endsWith("[req-a alice p1] inside");
  }
}
