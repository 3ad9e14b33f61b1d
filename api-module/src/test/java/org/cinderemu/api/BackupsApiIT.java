package org.cinderemu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cinderemu.api.core.ApiEnvironment;
import org.cinderemu.api.core.ApiOptions;
import org.cinderemu.api.core.BackupApi;
import org.cinderemu.api.core.BackupHostPicker;
import org.cinderemu.api.core.TypeApi;
import org.cinderemu.api.core.VolumeApi;
import org.cinderemu.api.handlers.BackupsHandler;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.QuotaUsage;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.VolumeType;
import org.cinderemu.common.rpc.IncomingMessage;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.RpcInterceptor;
import org.cinderemu.common.rpc.RpcServer;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.rpc.api.BackupRpcApi;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.ServiceTopic;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.cinderemu.common.testing.Captured;
import org.cinderemu.common.testing.JsonShape;
import org.cinderemu.common.testing.TestBroker;
import org.cinderemu.common.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backups resource end to end: HTTP on an ephemeral port, an H2 database, a private RabbitMQ vhost, and a
 * fake scheduler and fake backup services that record what the API casts to them (docs/cinder-reference.md §1.6, §4.4,
 * §4.5, docs/cinder-reference.md §7.1, §7.2, §8.4, §8.6; captured messages 05, 13, 22).
 */
class BackupsApiIT {

  private static final String PROJECT = UUID.randomUUID().toString();
  private static final String TOKEN = "alice:" + PROJECT;
  private static final String BACKUPS = "/v3/" + PROJECT + "/backups";
  private static final String GOOD_HOST = "bk1";
  /** Volumes the fake scheduler puts in error, or leaves creating, by display name. */
  private static final String FAIL_ME = "fail-me";
  private static final String STAY_CREATING = "stay-creating";

  private static Vertx vertx;
  private static TestBroker broker;
  private static TestDatabases.TestDatabase testDb;
  private static Database db;
  private static RpcTransport apiTransport;
  private static RpcTransport serviceTransport;
  private static final List<RpcServer> servers = new ArrayList<>();
  private static HttpServer http;
  private static WebClient client;
  private static int goodServiceId;
  private static String defaultTypeId;
  private static final List<IncomingMessage> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    broker = TestBroker.create();
    testDb = TestDatabases.create(Dialect.H2);
    db = Database.open(vertx, testDb.url()).await();
    defaultTypeId = db.volumeTypes().findByName(VolumeType.DEFAULT_NAME).await().orElseThrow().id();
    CinderConf conf = broker.apply(CinderConf.empty());
    apiTransport = RpcTransport.connect(vertx, RpcConfig.from(conf), "cinder-api").await();
    serviceTransport = RpcTransport.connect(vertx, RpcConfig.from(conf), "fake-services").await();
    serviceTransport.addInterceptor(new RpcInterceptor() {
      @Override
      public Future<IncomingMessage> beforeDispatch(IncomingMessage message) {
        received.add(message);
        return Future.succeededFuture(message);
      }
    });
    startServer(Target.server(ServiceTopic.SCHEDULER.topic(), "t"), fakeScheduler());
    for (String host : List.of(GOOD_HOST, "bk-off", "bk-dead")) {
      startServer(Target.server(ServiceTopic.BACKUP.topic(), host), fakeBackupService());
    }
    // bk1 is up and enabled; bk-off is up but disabled; bk-dead never reported
    goodServiceId = registerBackupService(GOOD_HOST).id();
    Service off = registerBackupService("bk-off");
    db.services().heartbeat(off.id()).await();
    db.services().setDisabled(off.id(), true).await();
    registerBackupService("bk-dead");

    RpcClient rpc = new RpcClient(apiTransport);
    ApiEnvironment env = ApiEnvironment.of(db, new SchedulerRpcApi(rpc), new VolumeRpcApi(rpc), new BackupRpcApi(rpc),
        ApiOptions.from(conf));
    // a short restore wait so the give-up case runs quickly; the rest is as production builds it
    BackupApi api = new BackupApi(env, new VolumeApi(env, new TypeApi(env)), BackupHostPicker.from(env, conf),
        Duration.ofSeconds(3), Duration.ofMillis(100));
    var router = new ApiRouterBuilder(vertx, ApiConfig.from(conf)).resource(new BackupsHandler(api)).build();
    http = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (http != null) {
      http.close().await();
    }
    for (RpcServer s : servers) {
      s.stop().await();
    }
    for (RpcTransport t : new RpcTransport[] {apiTransport, serviceTransport}) {
      if (t != null) {
        t.close().await();
      }
    }
    if (db != null) {
      db.close().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (broker != null) {
      broker.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  @BeforeEach
  void keepTheGoodServiceUp() {
    db.services().heartbeat(goodServiceId).await();
  }

  private static void startServer(Target target, RpcDispatcher dispatcher) {
    RpcServer server = new RpcServer(serviceTransport, target, dispatcher);
    server.start().await();
    servers.add(server);
  }

  private static Service registerBackupService(String host) {
    return db.services().register(Service.builder().host(host).binary("cinder-backup").topic("cinder-backup")
        .availabilityZone("nova").build()).await();
  }

  /** A scheduler that accepts create_backup, and creates volumes by marking them available on a backend. */
  private static RpcDispatcher fakeScheduler() {
    return new RpcDispatcher(ServiceTopic.SCHEDULER.apiVersion())
        .register("create_backup", (ctx, args) -> Future.succeededFuture())
        .register("create_volume", (ctx, args) -> {
          Volume v = VersionedObjects.toVolume(args.getJsonObject("volume"));
          if (STAY_CREATING.equals(v.displayName())) {
            return Future.succeededFuture();
          }
          String status = FAIL_ME.equals(v.displayName()) ? "error" : "available";
          return db.volumes().update(v.id(), Map.of("status", status, "host", "node1@lvm#lvm"));
        });
  }

  private static RpcDispatcher fakeBackupService() {
    RpcDispatcher d = new RpcDispatcher(ServiceTopic.BACKUP.apiVersion());
    for (String method : List.of("create_backup", "delete_backup", "restore_backup", "reset_status")) {
      d.register(method, (ctx, args) -> Future.succeededFuture());
    }
    return d;
  }

  // ---- fixtures ----

  private static Volume volume(String status, int size) {
    return volume(PROJECT, status, size);
  }

  private static Volume volume(String project, String status, int size) {
    return db.volumes().insert(Volume.builder().userId("alice").projectId(project).size(size).status(status)
        .availabilityZone("nova").host("node1@lvm#lvm").displayName("vol").volumeTypeId(defaultTypeId).build())
        .await();
  }

  private static Backup backup(String volumeId, String status, String host) {
    return backup(PROJECT, volumeId, status, host, null);
  }

  private static Backup backup(String project, String volumeId, String status, String host, String name) {
    return db.backups().insert(Backup.builder().userId("alice").projectId(project).volumeId(volumeId)
        .status(status).host(host).size(1).displayName(name).objectCount(1)
        .service("cinder.backup.drivers.posix.PosixBackupDriver").build()).await();
  }

  private static Volume volumeRow(String id) {
    return db.volumes().get(id).await();
  }

  private static Backup backupRow(String id) {
    return db.backups().get(id).await();
  }

  private static Map<String, QuotaUsage> quota(String project) {
    return db.quotas().usage(project).await();
  }

  // ---- HTTP ----

  private static HttpResponse<Buffer> call(HttpMethod method, String uri, JsonObject body, String version) {
    return send(method, uri, body, version).await();
  }

  /** Without waiting, for requests meant to be in flight together. */
  private static Future<HttpResponse<Buffer>> send(HttpMethod method, String uri, JsonObject body, String version) {
    HttpRequest<Buffer> req = client.request(method, http.actualPort(), "127.0.0.1", uri)
        .putHeader("X-Auth-Token", TOKEN);
    if (version != null) {
      req.putHeader("OpenStack-API-Version", "volume " + version);
    }
    return body == null ? req.send() : req.sendJsonObject(body);
  }

  private static HttpResponse<Buffer> get(String uri) {
    return call(HttpMethod.GET, uri, null, null);
  }

  private static HttpResponse<Buffer> get(String uri, String version) {
    return call(HttpMethod.GET, uri, null, version);
  }

  private static HttpResponse<Buffer> post(String uri, JsonObject body) {
    return call(HttpMethod.POST, uri, body, null);
  }

  private static HttpResponse<Buffer> post(String uri, JsonObject body, String version) {
    return call(HttpMethod.POST, uri, body, version);
  }

  private static HttpResponse<Buffer> delete(String uri) {
    return call(HttpMethod.DELETE, uri, null, null);
  }

  private static JsonObject createBody(String volumeId) {
    return new JsonObject().put("backup", new JsonObject().put("volume_id", volumeId));
  }

  private static void assertFault(HttpResponse<Buffer> resp, int status, String name, String message) {
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(status);
    JsonObject fault = resp.bodyAsJsonObject().getJsonObject(name);
    assertThat(fault).as(resp.bodyAsString()).isNotNull();
    assertThat(fault.getInteger("code")).isEqualTo(status);
    assertThat(fault.getString("message")).isEqualTo(message);
  }

  // ---- casts ----

  /** The cast of {@code method} that carries backup {@code backupId}, once it has arrived. */
  private static IncomingMessage castFor(String method, String backupId) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> findCast(method, backupId), Optional::isPresent)
        .get();
  }

  private static Optional<IncomingMessage> findCast(String method, String backupId) {
    return received.stream()
        .filter(m -> method.equals(m.request().method()))
        .filter(m -> backupId.equals(backupData(m).getString("id")))
        .findFirst();
  }

  private static List<IncomingMessage> castsAbout(String backupId) {
    return received.stream().filter(m -> m.request().args().getValue("backup") instanceof JsonObject)
        .filter(m -> backupId.equals(backupData(m).getString("id"))).toList();
  }

  private static JsonObject backupData(IncomingMessage m) {
    return m.request().args().getJsonObject("backup").getJsonObject(VersionedObjects.DATA);
  }

  private static JsonObject capturedArgs(String prefix) throws Exception {
    return Captured.message(prefix).getJsonObject("oslo_message_decoded").getJsonObject("args");
  }

  // ---- create ----

  @Test
  void createMarksTheVolumeAndHandsTheBackupToTheScheduler() throws Exception {
    Volume vol = volume("available", 2);
    int backupsBefore = quota(PROJECT).get(QuotaUsage.BACKUPS).inUse();
    int gigabytesBefore = quota(PROJECT).get(QuotaUsage.BACKUP_GIGABYTES).inUse();
    HttpResponse<Buffer> resp = post(BACKUPS, new JsonObject().put("backup", new JsonObject()
        .put("volume_id", vol.id()).put("name", "  nightly ").put("description", "d").put("container", null)));

    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    JsonObject summary = resp.bodyAsJsonObject().getJsonObject("backup");
    assertThat(new ArrayList<>(summary.fieldNames())).containsExactly("id", "name", "links");
    assertThat(summary.getString("name")).isEqualTo("nightly");
    String id = summary.getString("id");
    assertThat(summary.getJsonArray("links").getJsonObject(0).getString("href"))
        .endsWith("/v3/" + PROJECT + "/backups/" + id);

    Backup row = backupRow(id);
    assertThat(row.status()).isEqualTo("creating");
    assertThat(row.host()).isNull();
    assertThat(row.size()).isEqualTo(2);
    assertThat(row.container()).isNull();
    assertThat(row.parentId()).isNull();
    assertThat(row.projectId()).isEqualTo(PROJECT);
    assertThat(row.userId()).isEqualTo("alice");
    assertThat(row.dataTimestamp()).isEqualTo(row.createdAt());
    Volume after = volumeRow(vol.id());
    assertThat(after.status()).isEqualTo("backing-up");
    assertThat(after.previousStatus()).isEqualTo("available");
    assertThat(quota(PROJECT).get(QuotaUsage.BACKUPS).inUse()).isEqualTo(backupsBefore + 1);
    assertThat(quota(PROJECT).get(QuotaUsage.BACKUP_GIGABYTES).inUse()).isEqualTo(gigabytesBefore + 2);

    IncomingMessage cast = castFor("create_backup", id);
    assertThat(cast.queue()).isEqualTo("cinder-scheduler");
    assertThat(cast.request().version()).isEqualTo("3.0");
    assertThat(cast.request().isCall()).isFalse();
    assertThat(cast.request().context().requestId()).isEqualTo(resp.getHeader("x-openstack-request-id"));
    assertThat(cast.request().context().userId()).isEqualTo("alice");
    assertThat(cast.request().context().projectId()).isEqualTo(PROJECT);
    JsonObject sent = backupData(cast);
    assertThat(sent.getString("status")).isEqualTo("creating");
    assertThat(sent.getValue("host")).isNull();
    assertThat(sent.getValue("updated_at")).isNull();
    assertThat(sent.getString("data_timestamp")).isEqualTo(sent.getString("created_at"));
    JsonObject captured = capturedArgs("05_");
    assertThat(new ArrayList<>(cast.request().args().fieldNames()))
        .isEqualTo(new ArrayList<>(captured.fieldNames()));
    // the codec writes a backup as loaded from the database, without Cinder's lazy "parent": null
    JsonObject capturedBackup = captured.getJsonObject("backup").copy();
    capturedBackup.getJsonObject(VersionedObjects.DATA).remove("parent");
    assertThat(JsonShape.diff(capturedBackup, cast.request().args().getJsonObject("backup"))).isEmpty();
  }

  @Test
  void anInUseVolumeNeedsForce() {
    Volume vol = volume("in-use", 1);
    assertFault(post(BACKUPS, createBody(vol.id())), 400, "badRequest",
        "Invalid volume: Backing up an in-use volume must use the force flag.");
    assertThat(volumeRow(vol.id()).status()).isEqualTo("in-use");

    HttpResponse<Buffer> forced = post(BACKUPS, new JsonObject().put("backup", new JsonObject()
        .put("volume_id", vol.id()).put("force", "True")));
    assertThat(forced.statusCode()).as(forced.bodyAsString()).isEqualTo(202);
    assertThat(volumeRow(vol.id()).status()).isEqualTo("backing-up");
    assertThat(volumeRow(vol.id()).previousStatus()).isEqualTo("in-use");
  }

  @Test
  void refusedCreatesWriteNothing() {
    Volume broken = volume("error", 1);
    Volume fine = volume("available", 1);
    Map<String, QuotaUsage> before = quota(PROJECT);
    String unknown = UUID.randomUUID().toString();

    assertFault(post(BACKUPS, createBody(unknown)), 404, "itemNotFound", "Volume " + unknown + " could not be found.");
    assertFault(post(BACKUPS, createBody(broken.id())), 400, "badRequest",
        "Invalid volume: Volume to be backed up must be available or in-use, but the current status is \"error\".");
    assertFault(post(BACKUPS, new JsonObject().put("backup", new JsonObject().put("volume_id", fine.id())
        .put("snapshot_id", UUID.randomUUID().toString()))), 400, "badRequest",
        "Invalid snapshot: Backups of snapshots are not supported by the emulator (it has no snapshots).");
    assertFault(post(BACKUPS, new JsonObject().put("backup", new JsonObject().put("name", "x"))), 400,
        "badRequest", "Invalid input for field/attribute backup. Value: {'name': 'x'}. 'volume_id' is a required "
            + "property");
    assertFault(post(BACKUPS, new JsonObject().put("backup", new JsonObject().put("volume_id", "nope"))), 400,
        "badRequest", "Invalid input for field/attribute volume_id. Value: nope. 'nope' is not a 'uuid'");
    // metadata is only part of the body from 3.43, availability_zone from 3.51
    JsonObject withMetadata = new JsonObject().put("backup", new JsonObject().put("volume_id", fine.id())
        .put("metadata", new JsonObject().put("k", "v")));
    assertThat(post(BACKUPS, withMetadata, "3.42").statusCode()).isEqualTo(400);
    JsonObject withZone = new JsonObject().put("backup", new JsonObject().put("volume_id", fine.id())
        .put("availability_zone", "nova"));
    assertThat(post(BACKUPS, withZone, "3.50").statusCode()).isEqualTo(400);
    assertFault(post(BACKUPS, new JsonObject().put("backup", new JsonObject().put("volume_id", fine.id())
        .put("incremental", "maybe"))), 400, "badRequest", "Invalid input for field/attribute incremental. "
        + "Value: maybe. 'maybe' is not one of [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', "
        + "'Yes', 'yes', 'y', 't', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', "
        + "'no', 'n', 'f']");

    assertThat(volumeRow(broken.id()).status()).isEqualTo("error");
    assertThat(volumeRow(fine.id()).status()).isEqualTo("available");
    assertThat(db.backups().listByVolume(fine.id()).await()).isEmpty();
    assertThat(db.backups().listByVolume(broken.id()).await()).isEmpty();
    assertThat(quota(PROJECT).get(QuotaUsage.BACKUPS).inUse()).isEqualTo(before.get(QuotaUsage.BACKUPS).inUse());
    assertThat(quota(PROJECT).get(QuotaUsage.BACKUP_GIGABYTES).inUse())
        .isEqualTo(before.get(QuotaUsage.BACKUP_GIGABYTES).inUse());
  }

  @Test
  void metadataFrom343AndZoneAcceptedButNotStoredFrom351() {
    Volume vol = volume("available", 1);
    HttpResponse<Buffer> resp = post(BACKUPS, new JsonObject().put("backup", new JsonObject()
        .put("volume_id", vol.id()).put("metadata", new JsonObject().put("k", "v"))
        .put("availability_zone", "nova")), "3.51");
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    Backup row = backupRow(resp.bodyAsJsonObject().getJsonObject("backup").getString("id"));
    assertThat(row.metadata()).containsExactly(Map.entry("k", "v"));
    assertThat(row.availabilityZone()).isNull();
  }

  @Test
  void incrementalBuildsOnTheLatestBackupWhichMustBeAvailable() {
    Volume vol = volume("available", 1);
    JsonObject incremental = new JsonObject().put("backup", new JsonObject().put("volume_id", vol.id())
        .put("incremental", true));
    assertFault(post(BACKUPS, incremental), 400, "badRequest",
        "Invalid backup: No backups available to do an incremental backup.");

    backup(vol.id(), "available", GOOD_HOST);
    Backup latest = backup(vol.id(), "creating", GOOD_HOST);
    assertFault(post(BACKUPS, incremental), 400, "badRequest",
        "Invalid backup: The parent backup must be available for incremental backup.");
    assertThat(volumeRow(vol.id()).status()).isEqualTo("available");

    db.backups().update(latest.id(), Map.of("status", "available")).await();
    HttpResponse<Buffer> resp = post(BACKUPS, incremental);
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    String id = resp.bodyAsJsonObject().getJsonObject("backup").getString("id");
    assertThat(backupRow(id).parentId()).isEqualTo(latest.id());
    assertThat(get(BACKUPS + "/" + id).bodyAsJsonObject().getJsonObject("backup").getBoolean("is_incremental"))
        .isTrue();
  }

  @Test
  void overQuotaIs413AndLeavesTheVolumeAlone() {
    Volume vol = volume("available", 5);
    db.quotas().setLimit(PROJECT, QuotaUsage.BACKUP_GIGABYTES, 4).await();
    try {
      int consumed = quota(PROJECT).get(QuotaUsage.BACKUP_GIGABYTES).inUse();
      HttpResponse<Buffer> resp = post(BACKUPS, createBody(vol.id()));
      assertFault(resp, 413, "overLimit", "Requested backup exceeds allowed Backup gigabytes quota. Requested 5G, "
          + "quota is 4G and " + consumed + "G has been consumed.");
      assertThat(resp.getHeader("Retry-After")).isEqualTo("0");
    } finally {
      db.quotas().setLimit(PROJECT, QuotaUsage.BACKUP_GIGABYTES, -1).await();
    }
    int backups = quota(PROJECT).get(QuotaUsage.BACKUPS).inUse();
    db.quotas().setLimit(PROJECT, QuotaUsage.BACKUPS, backups).await();
    try {
      assertFault(post(BACKUPS, createBody(vol.id())), 413, "overLimit",
          "Maximum number of backups allowed (" + backups + ") exceeded");
    } finally {
      db.quotas().setLimit(PROJECT, QuotaUsage.BACKUPS, -1).await();
    }
    assertThat(volumeRow(vol.id()).status()).isEqualTo("available");
    assertThat(db.backups().listByVolume(vol.id()).await()).isEmpty();
    assertThat(quota(PROJECT).get(QuotaUsage.BACKUPS).inUse()).isEqualTo(backups);
  }

  // ---- list and show ----

  @Test
  void listsAreProjectScopedFilteredAndPaged() {
    String project = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    String base = "/v3/" + project + "/backups";
    Volume v1 = volume(project, "available", 1);
    Volume v2 = volume(project, "available", 1);
    Backup a = backup(project, v1.id(), "available", GOOD_HOST, "alpha");
    Backup b = backup(project, v1.id(), "error", GOOD_HOST, "beta");
    Backup c = backup(project, v2.id(), "available", GOOD_HOST, "gamma");
    Backup foreign = backup(other, volume(other, "available", 1).id(), "available", GOOD_HOST, "alpha");

    JsonObject all = send(base, "");
    assertThat(ids(all)).containsExactly(c.id(), b.id(), a.id());
    assertThat(new ArrayList<>(all.getJsonArray("backups").getJsonObject(0).fieldNames()))
        .containsExactly("id", "name", "links");
    assertThat(all.containsKey("backups_links")).isFalse();

    assertThat(ids(send(base, "?all_tenants=1&name=alpha"))).containsExactlyInAnyOrder(a.id(), foreign.id());
    assertThat(ids(send(base, "?status=error"))).containsExactly(b.id());
    assertThat(ids(send(base, "?volume_id=" + v1.id() + "&sort=display_name:asc"))).containsExactly(a.id(), b.id());
    assertThat(ids(send(base, "?no_such_column=1"))).isEmpty();

    JsonObject page = send(base + "/detail", "?limit=2&sort=created_at:asc");
    assertThat(ids(page)).containsExactly(a.id(), b.id());
    String next = page.getJsonArray("backups_links").getJsonObject(0).getString("href");
    assertThat(next).contains("/v3/" + project + "/backups?").contains("limit=2").endsWith("marker=" + b.id());
    assertThat(ids(send(base + "/detail", "?limit=2&sort=created_at:asc&marker=" + b.id()))).containsExactly(c.id());

    HttpResponse<Buffer> counted = call(HttpMethod.GET, base + "/detail?with_count=true&status=available", null,
        "3.45", "alice:" + project);
    assertThat(counted.bodyAsJsonObject().getInteger("count")).isEqualTo(2);

    assertFault(call(HttpMethod.GET, base + "?all_tenants=maybe", null, null, "alice:" + project), 400, "badRequest",
        "all_tenants must be a boolean, got 'maybe'.");
    String missing = UUID.randomUUID().toString();
    assertFault(call(HttpMethod.GET, base + "?marker=" + missing, null, null, "alice:" + project), 404,
        "itemNotFound", "Backup " + missing + " could not be found.");
    // sorting by "name" means the display name only from 3.37
    assertFault(call(HttpMethod.GET, base + "?sort=name", null, "3.36", "alice:" + project), 400, "badRequest",
        "Invalid input received: Invalid sort key");
    assertThat(call(HttpMethod.GET, base + "?sort=name", null, "3.37", "alice:" + project).statusCode())
        .isEqualTo(200);
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String uri, JsonObject body, String version,
      String token) {
    HttpRequest<Buffer> req = client.request(method, http.actualPort(), "127.0.0.1", uri)
        .putHeader("X-Auth-Token", token);
    if (version != null) {
      req.putHeader("OpenStack-API-Version", "volume " + version);
    }
    return (body == null ? req.send() : req.sendJsonObject(body)).await();
  }

  private static JsonObject send(String path, String query) {
    String project = path.split("/")[2];
    HttpResponse<Buffer> resp = call(HttpMethod.GET, path + query, null, null, "alice:" + project);
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(200);
    return resp.bodyAsJsonObject();
  }

  private static List<String> ids(JsonObject list) {
    JsonArray items = list.getJsonArray("backups");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(items.getJsonObject(i).getString("id"));
    }
    return out;
  }

  @Test
  void showHasTheDetailFieldsOfTheMicroversion() {
    Volume vol = volume("available", 1);
    Backup bk = backup(vol.id(), "available", GOOD_HOST);
    JsonObject base = get(BACKUPS + "/" + bk.id()).bodyAsJsonObject().getJsonObject("backup");
    assertThat(base.getString("volume_id")).isEqualTo(vol.id());
    assertThat(base.getString("status")).isEqualTo("available");
    assertThat(base.getBoolean("is_incremental")).isFalse();
    assertThat(base.containsKey("os-backup-project-attr:project_id")).isFalse();
    assertThat(base.containsKey("metadata")).isFalse();

    JsonObject latest = get(BACKUPS + "/" + bk.id(), "latest").bodyAsJsonObject().getJsonObject("backup");
    assertThat(latest.getString("os-backup-project-attr:project_id")).isEqualTo(PROJECT);
    assertThat(latest.getString("user_id")).isEqualTo("alice");
    assertThat(latest.getJsonObject("metadata")).isEqualTo(new JsonObject());

    String unknown = UUID.randomUUID().toString();
    assertFault(get(BACKUPS + "/" + unknown), 404, "itemNotFound", "Backup " + unknown + " could not be found.");
  }

  // ---- delete ----

  @Test
  void deleteGoesToAnUpEnabledBackupServiceChosenByTheApi() throws Exception {
    Volume vol = volume("available", 1);
    for (int i = 0; i < 4; i++) {
      // the backup's own host is gone: with backup_use_same_host off any usable service will do
      Backup bk = backup(vol.id(), i % 2 == 0 ? "available" : "error", "old-host");
      HttpResponse<Buffer> resp = delete(BACKUPS + "/" + bk.id());
      assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
      assertThat(resp.body() == null || resp.body().length() == 0).isTrue();
      Backup row = backupRow(bk.id());
      assertThat(row.status()).isEqualTo("deleting");
      assertThat(row.host()).isEqualTo(GOOD_HOST);

      IncomingMessage cast = castFor("delete_backup", bk.id());
      assertThat(cast.queue()).isEqualTo("cinder-backup." + GOOD_HOST);
      assertThat(cast.request().version()).isEqualTo("2.0");
      assertThat(backupData(cast).getString("status")).isEqualTo("deleting");
      assertThat(backupData(cast).getString("host")).isEqualTo(GOOD_HOST);
      JsonObject captured = capturedArgs("13_");
      assertThat(new ArrayList<>(cast.request().args().fieldNames()))
          .isEqualTo(new ArrayList<>(captured.fieldNames()));
      assertThat(JsonShape.diff(captured, cast.request().args())).isEmpty();
    }
    assertThat(received).noneMatch(m -> m.queue().endsWith("bk-off") || m.queue().endsWith("bk-dead"));
  }

  @Test
  void refusedDeletesChangeNothing() {
    Volume vol = volume("available", 1);
    Backup busy = backup(vol.id(), "creating", GOOD_HOST);
    assertFault(delete(BACKUPS + "/" + busy.id()), 400, "badRequest",
        "Invalid backup: Backup status must be available or error");

    Backup parent = backup(vol.id(), "available", GOOD_HOST);
    db.backups().insert(Backup.builder().projectId(PROJECT).volumeId(vol.id()).status("available").size(1)
        .parentId(parent.id()).build()).await();
    assertFault(delete(BACKUPS + "/" + parent.id()), 400, "badRequest",
        "Invalid backup: Incremental backups exist for this backup.");

    String unknown = UUID.randomUUID().toString();
    assertFault(delete(BACKUPS + "/" + unknown), 404, "itemNotFound", "Backup " + unknown + " could not be found.");

    Backup lonely = backup(vol.id(), "available", GOOD_HOST);
    db.services().setDisabled(goodServiceId, true).await();
    try {
      assertFault(delete(BACKUPS + "/" + lonely.id()), 404, "itemNotFound",
          "Service cinder-backup could not be found.");
    } finally {
      db.services().setDisabled(goodServiceId, false).await();
    }
    assertThat(backupRow(busy.id()).status()).isEqualTo("creating");
    assertThat(backupRow(parent.id()).status()).isEqualTo("available");
    assertThat(backupRow(lonely.id()).status()).isEqualTo("available");
    assertThat(castsAbout(busy.id())).isEmpty();
    assertThat(castsAbout(parent.id())).isEmpty();
    assertThat(castsAbout(lonely.id())).isEmpty();
  }

  // ---- restore ----

  @Test
  void restoreIntoAnExistingVolume() {
    Volume source = volume("available", 1);
    Volume target = volume("available", 2);
    Backup bk = backup(source.id(), "available", "old-host");
    HttpResponse<Buffer> resp = post(BACKUPS + "/" + bk.id() + "/restore",
        new JsonObject().put("restore", new JsonObject().put("volume_id", target.id())));

    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("restore", new JsonObject()
        .put("backup_id", bk.id()).put("volume_id", target.id()).put("volume_name", "vol")));
    Backup row = backupRow(bk.id());
    assertThat(row.status()).isEqualTo("restoring");
    assertThat(row.restoreVolumeId()).isEqualTo(target.id());
    assertThat(row.host()).isEqualTo(GOOD_HOST);
    assertThat(volumeRow(target.id()).status()).isEqualTo("restoring-backup");

    IncomingMessage cast = castFor("restore_backup", bk.id());
    assertThat(cast.queue()).isEqualTo("cinder-backup." + GOOD_HOST);
    assertThat(cast.request().version()).isEqualTo("2.0");
    assertThat(new ArrayList<>(cast.request().args().fieldNames())).containsExactly("backup", "volume_id");
    assertThat(cast.request().args().getString("volume_id")).isEqualTo(target.id());
    assertThat(backupData(cast).getString("status")).isEqualTo("restoring");
    assertThat(backupData(cast).getString("restore_volume_id")).isEqualTo(target.id());
  }

  @Test
  void refusedRestoresChangeNothing() {
    Volume source = volume("available", 1);
    Volume small = volume("available", 1);
    Volume busy = volume("in-use", 5);
    Backup big = db.backups().insert(Backup.builder().projectId(PROJECT).volumeId(source.id()).status("available")
        .size(3).build()).await();
    Backup creating = backup(source.id(), "creating", GOOD_HOST);

    assertFault(post(BACKUPS + "/" + big.id() + "/restore", restoreInto(small.id())), 400, "badRequest",
        "Invalid volume: volume size 1 is too small to restore backup of size 3.");
    assertFault(post(BACKUPS + "/" + big.id() + "/restore", restoreInto(busy.id())), 400, "badRequest",
        "Invalid volume: Volume to be restored to must be available");
    assertFault(post(BACKUPS + "/" + creating.id() + "/restore", restoreInto(small.id())), 400, "badRequest",
        "Invalid backup: Backup status must be available");
    String unknown = UUID.randomUUID().toString();
    assertFault(post(BACKUPS + "/" + big.id() + "/restore", restoreInto(unknown)), 404, "itemNotFound",
        "Volume " + unknown + " could not be found.");
    assertFault(post(BACKUPS + "/" + unknown + "/restore", restoreInto(small.id())), 404, "itemNotFound",
        "Backup " + unknown + " could not be found.");
    assertFault(post(BACKUPS + "/" + big.id() + "/restore", new JsonObject()), 400, "badRequest",
        "'restore' is a required property");

    Volume roomy = volume("available", 3);
    db.services().setDisabled(goodServiceId, true).await();
    try {
      assertFault(post(BACKUPS + "/" + big.id() + "/restore", restoreInto(roomy.id())), 404, "itemNotFound",
          "Service cinder-backup could not be found.");
    } finally {
      db.services().setDisabled(goodServiceId, false).await();
    }
    assertThat(backupRow(big.id()).status()).isEqualTo("available");
    assertThat(backupRow(creating.id()).status()).isEqualTo("creating");
    assertThat(volumeRow(small.id()).status()).isEqualTo("available");
    assertThat(volumeRow(roomy.id()).status()).isEqualTo("available");
    assertThat(volumeRow(busy.id()).status()).isEqualTo("in-use");
    assertThat(castsAbout(big.id())).isEmpty();
  }

  private static JsonObject restoreInto(String volumeId) {
    return new JsonObject().put("restore", new JsonObject().put("volume_id", volumeId));
  }

  @Test
  void restoreWithoutAVolumeCreatesOneThroughTheSchedulerAndWaitsForIt() {
    Volume source = volume("available", 2);
    Backup bk = db.backups().insert(Backup.builder().userId("alice").projectId(PROJECT).volumeId(source.id())
        .status("available").host(GOOD_HOST).size(2).build()).await();
    int volumesBefore = quota(PROJECT).get(QuotaUsage.VOLUMES).inUse();
    HttpResponse<Buffer> resp = post(BACKUPS + "/" + bk.id() + "/restore", new JsonObject().putNull("restore"));

    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    JsonObject restore = resp.bodyAsJsonObject().getJsonObject("restore");
    String newId = restore.getString("volume_id");
    assertThat(newId).isNotEqualTo(source.id());
    assertThat(restore.getString("volume_name")).isEqualTo("restore_backup_" + bk.id());
    Volume created = volumeRow(newId);
    assertThat(created.size()).isEqualTo(2);
    assertThat(created.status()).isEqualTo("restoring-backup");
    assertThat(created.displayDescription()).isEqualTo("auto-created_from_restore_from_backup");
    assertThat(created.projectId()).isEqualTo(PROJECT);
    assertThat(quota(PROJECT).get(QuotaUsage.VOLUMES).inUse()).isEqualTo(volumesBefore + 1);
    assertThat(received).anyMatch(m -> m.request().method().equals("create_volume")
        && newId.equals(m.request().args().getJsonObject("volume").getJsonObject(VersionedObjects.DATA)
            .getString("id")));
    assertThat(castFor("restore_backup", bk.id()).request().args().getString("volume_id")).isEqualTo(newId);
    assertThat(backupRow(bk.id()).status()).isEqualTo("restoring");
  }

  @Test
  void restoreFailsWhenTheNewVolumeEndsInErrorOrNeverLeavesCreating() {
    Volume source = volume("available", 1);
    Backup bk = backup(source.id(), "available", GOOD_HOST);

    HttpResponse<Buffer> failed = post(BACKUPS + "/" + bk.id() + "/restore",
        new JsonObject().put("restore", new JsonObject().put("name", FAIL_ME)));
    assertThat(failed.statusCode()).isEqualTo(400);
    assertThat(failed.bodyAsJsonObject().getJsonObject("badRequest").getString("message"))
        .matches("Invalid volume: Error while creating volume [0-9a-f-]{36} for restoring backup " + bk.id() + "\\.");

    HttpResponse<Buffer> stuck = post(BACKUPS + "/" + bk.id() + "/restore",
        new JsonObject().put("restore", new JsonObject().put("name", STAY_CREATING)));
    assertFault(stuck, 400, "badRequest", "Invalid volume: Volume to be restored to must be available");

    assertThat(backupRow(bk.id()).status()).isEqualTo("available");
    assertThat(castsAbout(bk.id())).isEmpty();
  }

  // ---- actions ----

  @Test
  void resetStatusIsCastToTheBackupServiceWhichDoesTheReset() throws Exception {
    Volume vol = volume("available", 1);
    Backup bk = backup(vol.id(), "creating", null);
    String action = BACKUPS + "/" + bk.id() + "/action";
    HttpResponse<Buffer> resp = post(action, new JsonObject().put("os-reset_status",
        new JsonObject().put("status", "ERROR")));

    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    IncomingMessage cast = castFor("reset_status", bk.id());
    assertThat(cast.queue()).isEqualTo("cinder-backup." + GOOD_HOST);
    assertThat(cast.request().version()).isEqualTo("2.0");
    assertThat(cast.request().args().getString("status")).isEqualTo("error");
    assertThat(backupData(cast).getString("status")).isEqualTo("creating");
    assertThat(backupData(cast).getString("host")).isEqualTo(GOOD_HOST);
    JsonObject captured = capturedArgs("22_");
    assertThat(new ArrayList<>(cast.request().args().fieldNames()))
        .isEqualTo(new ArrayList<>(captured.fieldNames()));
    assertThat(JsonShape.diff(captured, cast.request().args())).isEmpty();
    // the API only records where the backup now lives; the status is the backup service's to change
    assertThat(backupRow(bk.id()).status()).isEqualTo("creating");
    assertThat(backupRow(bk.id()).host()).isEqualTo(GOOD_HOST);

    assertFault(post(action, new JsonObject().put("os-reset_status", new JsonObject().put("status", "deleting"))),
        400, "badRequest", "Invalid backup: Backup status: deleting is invalid, valid statuses are: "
            + "['available', 'error'].");
    assertFault(post(action, new JsonObject().put("os-reset_status", new JsonObject())), 400, "badRequest",
        "Invalid input for field/attribute os-reset_status. Value: {}. 'status' is a required property");
    assertFault(post(action, new JsonObject().put("os-frobnicate", new JsonObject())), 400, "badRequest",
        "There is no such action: os-frobnicate");
    assertFault(post(action, new JsonObject().put("os-force_delete", new JsonObject())
        .put("os-reset_status", new JsonObject())), 400, "badRequest", "Malformed request body");
    String unknown = UUID.randomUUID().toString();
    assertFault(post(BACKUPS + "/" + unknown + "/action", new JsonObject().put("os-reset_status",
        new JsonObject().put("status", "error"))), 404, "itemNotFound", "Backup " + unknown + " could not be found.");
  }

  @Test
  void forceDeleteWorksFromAnyStatusButNotUnderAnIncremental() {
    Volume vol = volume("available", 1);
    Backup stuck = backup(vol.id(), "restoring", GOOD_HOST);
    HttpResponse<Buffer> resp = post(BACKUPS + "/" + stuck.id() + "/action",
        new JsonObject().put("os-force_delete", new JsonObject()));
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    assertThat(backupRow(stuck.id()).status()).isEqualTo("deleting");
    assertThat(castFor("delete_backup", stuck.id()).queue()).isEqualTo("cinder-backup." + GOOD_HOST);

    Backup parent = backup(vol.id(), "error", GOOD_HOST);
    db.backups().insert(Backup.builder().projectId(PROJECT).volumeId(vol.id()).status("available").size(1)
        .parentId(parent.id()).build()).await();
    assertFault(post(BACKUPS + "/" + parent.id() + "/action", new JsonObject().put("os-force_delete",
        new JsonObject())), 400, "badRequest", "Invalid backup: Incremental backups exist for this backup.");
    assertThat(backupRow(parent.id()).status()).isEqualTo("error");
  }

  @Test
  void concurrentForceDeletesSendOneDeleteBackupAndRefuseTheRest() {
    Volume vol = volume("available", 1);
    Backup stuck = backup(vol.id(), "creating", GOOD_HOST);
    String action = BACKUPS + "/" + stuck.id() + "/action";
    JsonObject force = new JsonObject().put("os-force_delete", new JsonObject());
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(send(HttpMethod.POST, action, force, null));
    }
    Future.join(all).await();
    String refusal = "Invalid backup: Backup " + stuck.id() + " is already being deleted.";
    List<Integer> statuses = all.stream().map(f -> f.result().statusCode()).toList();
    assertThat(statuses).as(statuses.toString()).containsOnlyOnce(202).containsOnly(202, 400);
    all.stream().map(Future::result).filter(r -> r.statusCode() == 400)
        .forEach(r -> assertFault(r, 400, "badRequest", refusal));
    castFor("delete_backup", stuck.id());
    assertFault(post(action, force), 400, "badRequest", refusal);
    assertThat(castsAbout(stuck.id())).hasSize(1);
  }
}
