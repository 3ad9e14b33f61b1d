package org.cinderemu.deploy.it;

import io.vertx.core.Future;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cinderemu.api.ApiVerticle;
import org.cinderemu.backup.BackupVerticle;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.testing.TestBroker;
import org.cinderemu.scheduler.SchedulerVerticle;
import org.cinderemu.volume.VolumeVerticle;

/**
 * The seed note's lab for one test class: one host with backends {@code lvmdriver-1} and
 * {@code whatever_it_is} (volume_backend_name {@code new_lvm_backend}), a scheduler, a backup service
 * and an API, all on a private broker vhost and a fresh H2 database in a temp state dir.
 */
public final class Lab implements AutoCloseable {

  public final TestBroker broker;
  public final Path stateDir;
  public final Vertx vertx;
  public final String host;
  private final List<String> deployments = new ArrayList<>();
  private final java.util.Map<Object, String> deploymentIds = new java.util.IdentityHashMap<>();
  private CinderConf conf;

  public Lab() throws IOException {
    this(TestBroker.create(), null);
  }

  /** A lab on a broker of the test's own ({@code transportUrl}), not on a vhost of the shared one. */
  public Lab(String transportUrl) throws IOException {
    this(null, transportUrl);
  }

  private Lab(TestBroker shared, String transportUrl) throws IOException {
    broker = shared;
    stateDir = Files.createTempDirectory("cemu-lab-");
    vertx = Vertx.vertx();
    host = "lab-" + UUID.randomUUID().toString().substring(0, 6);
    CinderConf seed = CinderConf.parse(String.join("\n",
        "[DEFAULT]",
        "host = " + host,
        "state_path = " + stateDir,
        "enabled_backends = lvmdriver-1,whatever_it_is",
        "report_interval = 1",
        "service_down_time = 5",
        "rpc_response_timeout = 10",
        "scheduler_driver_init_wait_time = 10",
        "osapi_volume_listen = 127.0.0.1",
        "osapi_volume_listen_port = 0",
        "[lvmdriver-1]",
        "volume_backend_name = lvmdriver-1",
        "[whatever_it_is]",
        "volume_backend_name = new_lvm_backend",
        ""));
    conf = shared != null ? shared.apply(seed) : seed.with(CinderConf.DEFAULT, "transport_url", transportUrl);
  }

  public CinderConf conf() {
    return conf;
  }

  /** Changes an option for the services deployed after this call. */
  public Lab set(String section, String key, String value) {
    conf = conf.with(section, key, value);
    return this;
  }

  public <V extends Deployable> V deploy(V verticle) {
    try {
      String id = vertx.deployVerticle(verticle).await(60, TimeUnit.SECONDS);
      deployments.add(id);
      deploymentIds.put(verticle, id);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("deploying " + verticle.getClass().getSimpleName() + " took over 60 s", e);
    }
    return verticle;
  }

  public VolumeVerticle volume(String backend) {
    return deploy(new VolumeVerticle(conf, backend));
  }

  public SchedulerVerticle scheduler() {
    return deploy(new SchedulerVerticle(conf));
  }

  public BackupVerticle backup() {
    return deploy(new BackupVerticle(conf));
  }

  private ApiVerticle api;

  public ApiVerticle api() {
    api = deploy(new ApiVerticle(conf));
    return api;
  }

  /** The API deployed by {@link #api()} or {@link #startAll()}. */
  public ApiVerticle apiVerticle() {
    return api;
  }

  /** The whole lab, in the order devstack starts it. */
  public Lab startAll() {
    api();
    scheduler();
    volume("lvmdriver-1");
    volume("whatever_it_is");
    backup();
    return this;
  }

  public String deploymentOf(Object verticle) {
    return deploymentIds.get(verticle);
  }

  public Future<Void> undeploy(String id) {
    deployments.remove(id);
    return vertx.undeploy(id);
  }

  /** A database handle of the test's own on the lab's database (closed with the lab's Vert.x). */
  public Database openDatabase() throws Exception {
    return Database.open(vertx, DatabaseUrl.fromConf(conf, stateDir)).await(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
    } finally {
      if (broker != null) {
        broker.close();
      }
      try (var files = Files.walk(stateDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
