package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test of speed: prints how fast the in-process seed lab turns API creates into
 * available volumes through the real broker and H2. Run it on purpose:
 * {@code mvn -o verify -pl deploy -Dit.test=VolumeCreateBench -Dbench.volumes=500 -Dbench.clients=20}
 * ({@code -Dbench.delivery=oslo,reliable}: one lab per delivery mode, one after the other; docs/chaos.md).
 */
class VolumeCreateBench {

  @Test
  void createVolumesThroughTheBroker() throws Exception {
    for (String mode : System.getProperty("bench.delivery", "oslo").split(",")) {
      createVolumes(mode.trim());
    }
  }

  private void createVolumes(String deliveryMode) throws Exception {
    int volumes = Integer.getInteger("bench.volumes", 200);
    int clients = Integer.getInteger("bench.clients", 10);
    try (Lab lab = new Lab()) {
      lab.set(CinderConf.DEFAULT, "report_interval", "10");
      // -Dbench.trace=false measures the same run without hop recording (docs/tracing.md)
      lab.set(CinderConf.DEFAULT, "emulator_trace_enabled", System.getProperty("bench.trace", "true"));
      lab.set(org.cinderemu.common.rpc.RpcConfig.RABBIT, "emulator_delivery_mode", deliveryMode);
      lab.startAll();
      CinderHttp cinder = new CinderHttp(lab.apiVerticle().actualPort()).unlimited();
      Histogram latency = new Histogram(3_600_000_000L, 3);
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long start = System.nanoTime();
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < volumes; i++) {
        results.add(pool.submit(() -> {
          long t0 = System.nanoTime();
          String id = cinder.createVolume(1, null);
          JsonObject v = cinder.awaitSettled(id, Duration.ofSeconds(120));
          latency.recordValue((System.nanoTime() - t0) / 1000);
          return v.getString("status");
        }));
      }
      int available = 0;
      for (Future<String> f : results) {
        available += "available".equals(f.get()) ? 1 : 0;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      Runtime rt = Runtime.getRuntime();
      System.gc();
      long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
      System.out.printf("%nBENCH volume create (API -> scheduler -> volume, in-process lab, H2, RabbitMQ, trace %s, %s delivery)%n",
          System.getProperty("bench.trace", "true"), deliveryMode);
      System.out.printf("  volumes %d, clients %d, wall %.2f s, throughput %.1f volumes/s%n", volumes, clients,
          seconds, volumes / seconds);
      System.out.printf("  create->available latency (client polls every 100 ms): p50 %.1f ms, p90 %.1f ms,"
              + " p99 %.1f ms, max %.1f ms%n", latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(90) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
          latency.getMaxValue() / 1000.0);
      System.out.printf("  heap used after GC (whole lab + test client): %d MiB%n%n", heapMb);
      assertThat(available).isEqualTo(volumes);
    }
  }
}
