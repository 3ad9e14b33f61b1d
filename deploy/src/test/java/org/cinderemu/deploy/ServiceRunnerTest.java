package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceRunnerTest {

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger stopped = new AtomicInteger();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private final class Counting extends VerticleBase {
    @Override
    public Future<?> start() {
      started.incrementAndGet();
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      stopped.incrementAndGet();
      return Future.succeededFuture();
    }
  }

  private static final class Failing extends VerticleBase {
    @Override
    public Future<?> start() {
      return Future.failedFuture("no broker");
    }
  }

  @Test
  void writesTheReadyFileOnceEveryVerticleIsUpAndWithdrawsItOnStop() throws Exception {
    PidFile ready = new StateDir(dir).readyFile("cinder-volume");
    ServiceRunner runner = new ServiceRunner("cinder-volume", ready, vertx);

    runner.start(List.of(new Counting(), new Counting())).await(10, TimeUnit.SECONDS);
    assertThat(started).hasValue(2);
    assertThat(ready.read()).hasValue(ProcessHandle.current().pid());

    runner.stop().await(10, TimeUnit.SECONDS);
    assertThat(ready.exists()).isFalse();
    assertThat(stopped).hasValue(2);  // closing Vert.x undeployed them
  }

  @Test
  void aFailedDeploymentLeavesNoReadyFile() {
    PidFile ready = new StateDir(dir).readyFile("cinder-api");
    ready.write(1);  // stale from an earlier run
    ServiceRunner runner = new ServiceRunner("cinder-api", ready, vertx);

    assertThatThrownBy(() -> runner.start(List.of(new Counting(), new Failing())).await(10, TimeUnit.SECONDS))
        .hasMessageContaining("no broker");
    assertThat(ready.exists()).isFalse();
  }
}
