package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.testing.TestBroker;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test of speed: starts the seed lab through the real launcher ({@code deploy/bin/cinder-emu},
 * the built jar, no rebuild) several times and prints the ready time and every process's resident memory, then
 * loads the last stack with volume creates and backups and prints the memory again. Run it on purpose (figures
 * and the command in docs/benchmarks.md):
 * {@code mvn -o -q -pl deploy -am verify -Dit.test=StartupFootprintBench -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench=true} (-Dbench.runs, -Dbench.volumes, -Dbench.backups,
 * -Dbench.clients).
 */
class StartupFootprintBench {

  private static final List<String> PROCESSES =
      List.of("cinder-db", "cinder-api", "cinder-scheduler", "cinder-volume", "cinder-backup");

  @Test
  void startTimeAndMemory() throws Exception {
    assumeTrue(Boolean.getBoolean("bench"), "a benchmark: run with -Dbench=true");
    int runs = Integer.getInteger("bench.runs", 5);
    int volumes = Integer.getInteger("bench.volumes", 1000);
    int backups = Integer.getInteger("bench.backups", 50);
    int clients = Integer.getInteger("bench.clients", 20);
    Path launcher = Path.of("bin/cinder-emu").toAbsolutePath();
    assertThat(Path.of("target/cinder-emu.jar")).as("the built jar (mvn package)").exists();
    Path work = Files.createTempDirectory("cemu-bench-");
    boolean done = false;
    try (TestBroker broker = TestBroker.create()) {
      Path conf = seedConf(broker, work);
      int port = LauncherIT.freePort();
      System.out.printf("%nBENCH start time and memory (seed lab through bin/cinder-emu, H2, RabbitMQ)%n");
      System.out.printf("  cores %d, load average %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
      // the first start after a build writes the class data sharing archives (at its down): not counted
      Path first = work.resolve("warm-up");
      double warmUp = up(launcher, conf, first, port);
      down(launcher, first);
      System.out.printf("  first start after a build (writes the CDS archives): %.2f s%n", warmUp);
      List<Double> times = new ArrayList<>();
      Path state = null;
      for (int i = 0; i < runs; i++) {
        if (state != null) {
          down(launcher, state);
        }
        state = work.resolve("run-" + i);
        times.add(up(launcher, conf, state, port));
      }
      List<Double> sorted = times.stream().sorted().toList();
      System.out.printf("  ready (up --detach until it returns), %d runs: min %.2f s, median %.2f s, max %.2f s"
          + "  %s%n", runs, sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), times);
      printMemory("at start", state);
      try {
        load(new CinderHttp(port).unlimited(), volumes, backups, clients);
        printMemory("after " + volumes + " volume creates and " + backups + " backups", state);
      } finally {
        down(launcher, state);
      }
      System.out.printf("  load average at the end %s%n%n", loadAverage());
      done = true;
    } finally {
      if (done) {
        try (var files = Files.walk(work)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      } else {
        System.out.println("  the state directories and logs are kept in " + work);
      }
    }
  }

  /** The shipped seed lab (deploy/conf/cinder.conf), on the benchmark's own vhost. */
  private static Path seedConf(TestBroker broker, Path dir) throws IOException {
    CinderConf conf = broker.apply(CinderConf.load(Path.of("conf/cinder.conf")));
    return Files.writeString(dir.resolve("bench.conf"), conf.toIni());
  }

  /** Seconds from spawning {@code up --detach} until it returns, every service ready. */
  private static double up(Path launcher, Path conf, Path state, int port) throws Exception {
    long t0 = System.nanoTime();
    Run r = run(launcher, "up", "--detach", "--config", conf.toString(), "--state-dir", state.toString(),
        "--api-port", Integer.toString(port));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(r.exit()).as(r.output()).isZero();
    return seconds;
  }

  private static void down(Path launcher, Path state) throws Exception {
    Run r = run(launcher, "down", "--state-dir", state.toString());
    assertThat(r.exit()).as(r.output()).isZero();
  }

  record Run(int exit, String output) {
  }

  private static Run run(Path launcher, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
    b.environment().put("CINDER_EMU_SKIP_BUILD", "1");
    Process p = b.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Creates the volumes with {@code clients} callers, then backs up the first {@code backups} of them. */
  private static void load(CinderHttp cinder, int volumes, int backups, int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long t0 = System.nanoTime();
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < volumes; i++) {
        created.add(pool.submit(() -> {
          String id = cinder.createVolume(1, null);
          assertThat(cinder.awaitSettled(id, Duration.ofSeconds(300)).getString("status")).isEqualTo("available");
          return id;
        }));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> f : created) {
        ids.add(f.get());
      }
      System.out.printf("  %d volumes available in %.1f s (%d clients)%n", volumes, (System.nanoTime() - t0) / 1e9,
          clients);
      long t1 = System.nanoTime();
      List<Future<?>> backedUp = new ArrayList<>();
      for (String id : ids.subList(0, backups)) {
        backedUp.add(pool.submit(() -> {
          String backup = cinder.createBackup(id, false);
          assertThat(cinder.awaitBackupSettled(backup, Duration.ofSeconds(600)).getString("status"))
              .isEqualTo("available");
        }));
      }
      for (Future<?> f : backedUp) {
        f.get();
      }
      double seconds = (System.nanoTime() - t1) / 1e9;
      System.out.printf("  %d backups of 1 GiB volumes available in %.1f s (%.3f backups/s, %.0f MiB/s of volume)%n",
          backups, seconds, backups / seconds, backups * 1024 / seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void printMemory(String when, Path state) throws IOException {
    Map<String, long[]> kb = new LinkedHashMap<>();
    for (String name : PROCESSES) {
      String pid = Files.readString(state.resolve("run").resolve(name + ".pid")).strip();
      kb.put(name, new long[] {procKb("/proc/" + pid + "/status", "VmRSS:"),
          procKb("/proc/" + pid + "/smaps_rollup", "Pss:")});
    }
    System.out.printf("  resident memory %s (VmRSS; PSS counts shared pages once):%n", when);
    kb.forEach((name, v) -> System.out.printf("    %-17s %5d MB  (PSS %4d MB)%n", name, v[0] / 1024, v[1] / 1024));
    System.out.printf("    %-17s %5d MB  (PSS %4d MB)%n", "total", kb.values().stream().mapToLong(v -> v[0]).sum()
        / 1024, kb.values().stream().mapToLong(v -> v[1]).sum() / 1024);
  }

  private static long procKb(String file, String key) throws IOException {
    return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
        .mapToLong(l -> Long.parseLong(l.substring(key.length()).strip().split("\\s+")[0])).findFirst().orElse(0);
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }
}
