package org.cinderemu.deploy.it;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.testing.TestDatabases;

/**
 * The seed lab's services each in a process of its own on one PostgreSQL database of their own (so killing one
 * cannot take an H2 file's server along), with their admin endpoints: what MetricsIT and PrometheusIT scrape.
 */
final class ProcessFleet implements AutoCloseable {

  static final List<String> BINARIES = List.of("cinder-api", "cinder-scheduler", "cinder-volume", "cinder-backup");

  final Lab lab;
  private final TestDatabases.TestDatabase database;
  private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();

  /** Points the lab at a fresh PostgreSQL database; {@link #startAll} then starts the services. */
  ProcessFleet(Lab lab) {
    this.lab = lab;
    this.database = TestDatabases.create(Dialect.POSTGRESQL);
    lab.set("database", "connection", database.url().jdbcUrl()
        .replace("jdbc:postgresql://", "postgresql://" + database.url().user() + "@"));
  }

  /** cinder-api first (it creates the schema), then the others at once; returns when every one is ready. */
  ProcessFleet startAll() throws Exception {
    start("cinder-api");
    awaitReady("cinder-api");
    for (String binary : BINARIES.subList(1, BINARIES.size())) {
      start(binary);
    }
    BINARIES.forEach(this::awaitReady);
    return this;
  }

  private void start(String binary) throws Exception {
    processes.put(binary, ServiceProcess.start(binary, lab.conf(), lab.stateDir, binary));
  }

  private void awaitReady(String binary) {
    try {
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> Files.exists(lab.stateDir.resolve("run").resolve(binary + ".ready")));
    } catch (RuntimeException e) {
      throw new AssertionError(binary + " did not become ready:\n" + processes.get(binary).logTail(), e);
    }
  }

  ServiceProcess process(String binary) {
    return processes.get(binary);
  }

  /** The URL the service's admin endpoint wrote when it listened. */
  String adminUrl(String binary) throws Exception {
    return Files.readString(lab.stateDir.resolve("run").resolve(binary + ".admin")).strip();
  }

  @Override
  public void close() throws Exception {
    for (ServiceProcess p : processes.values()) {
      p.close();
    }
    lab.close();
    database.close();
  }
}
