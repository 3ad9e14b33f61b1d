package org.cinderemu.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.QuotaUsage;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.objects.UserMessage;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.VolumeType;
import org.cinderemu.common.objects.Worker;
import org.cinderemu.common.testing.TestDatabases;
import org.cinderemu.common.trace.Hop;
import org.cinderemu.common.trace.StatusChange;
import org.cinderemu.common.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every repository must do on every dialect. One fresh database per dialect; each test works on its
 * own random hosts / projects / names, so tests do not see each other's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RepositoryContract {

  private final Dialect dialect;
  private Vertx vertx;
  private TestDatabase testDb;
  private Database db;
  private String defaultTypeId;

  RepositoryContract(Dialect dialect) {
    this.dialect = dialect;
  }

  @BeforeAll
  void openDatabase() {
    vertx = Vertx.vertx();
    testDb = TestDatabases.create(dialect);
    db = await(Database.open(vertx, testDb.url()));
    defaultTypeId = await(db.volumeTypes().findByName(VolumeType.DEFAULT_NAME)).orElseThrow().id();
  }

  @AfterAll
  void dropDatabase() throws Exception {
    try {
      if (db != null) {
        await(db.close());
      }
      if (vertx != null) {
        await(vertx.close());
      }
    } finally {
      if (testDb != null) {
        testDb.close();
      }
    }
  }

  // ---- schema ----

  @Test
  void migrationsSeedTheDefaultVolumeTypeWithAUtcTimestamp() {
    VolumeType type = await(db.volumeTypes().get(defaultTypeId));

    assertThat(db.dialect()).isEqualTo(dialect);
    assertThat(type.name()).isEqualTo("__DEFAULT__");
    assertThat(type.description()).isEqualTo("Default Volume Type");
    assertThat(type.isPublic()).isTrue();
    assertThat(type.extraSpecs()).isEmpty();
    assertThat(UUID.fromString(type.id())).isNotNull();
    assertThat(type.createdAt()).isCloseTo(LocalDateTime.now(ZoneOffset.UTC), within(10, ChronoUnit.MINUTES));
  }

  @Test
  void volumeMetadataHasOneIndexLedByVolumeId() throws Exception {
    DatabaseUrl url = testDb.url();
    Map<String, String> leadingColumns = new LinkedHashMap<>();
    try (Connection c = url.user() == null ? DriverManager.getConnection(url.jdbcUrl())
        : DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), "volume_metadata", false, false)) {
      while (rs.next()) {
        if (rs.getShort("ORDINAL_POSITION") == 1) {
          leadingColumns.put(rs.getString("INDEX_NAME").toLowerCase(), rs.getString("COLUMN_NAME").toLowerCase());
        }
      }
    }
    assertThat(leadingColumns).containsEntry("volume_metadata_volume_id_idx", "volume_id");
    if (dialect != Dialect.H2) {
      // H2 keeps the foreign key's own index beside ours; InnoDB drops its implicit one, PostgreSQL has none
      assertThat(leadingColumns.values()).containsOnlyOnce("volume_id");
    }
  }

  @Test
  void schemaVersionIsTheLastMigrationAppliedAndSyncStopsAtATarget() throws Exception {
    assertThat(Schema.version(testDb.url())).contains(Schema.LATEST_VERSION);
    try (TestDatabase fresh = TestDatabases.create(dialect)) {
      assertThat(Schema.version(fresh.url())).isEmpty();
      Schema.migrate(fresh.url(), 1);
      assertThat(Schema.version(fresh.url())).contains("1");
      Schema.migrate(fresh.url());
      assertThat(Schema.version(fresh.url())).contains(Schema.LATEST_VERSION);
    }
  }

  @Test
  void servicesStartingTogetherOnAnEmptyDatabaseAllGetTheSameSchema() throws Exception {
    try (TestDatabase fresh = TestDatabases.create(dialect)) {
      List<Future<Database>> opens = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        opens.add(Database.open(vertx, fresh.url()));
      }
      await(Future.all(opens));
      List<String> defaultTypes = new ArrayList<>();
      for (Future<Database> open : opens) {
        Database d = open.result();
        defaultTypes.add(await(d.volumeTypes().findByName("__DEFAULT__")).orElseThrow().id());
        await(d.close());
      }
      assertThat(defaultTypes).hasSize(3).containsOnly(defaultTypes.get(0));
    }
  }

  @Test
  void aDatabaseWhoseSchemaHistoryDoesNotMatchIsRefusedWithAHint() throws Exception {
    try (TestDatabase fresh = TestDatabases.create(dialect)) {
      Database first = await(Database.open(vertx, fresh.url()));
      // what a database migrated by an earlier build of the rewritten V1 looks like
      await(first.pool().query("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'")
          .execute());
      await(first.close());

      assertThat(failure(Database.open(vertx, fresh.url())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("does not match this build's migrations")
          .hasMessageContaining("cinder.mv.db");
    }
  }

  @Test
  void writesAfterATransactionAreCommittedForEveryoneElse() {
    // one connection, so the write below surely runs on the connection the transaction used
    Database single = await(Database.open(vertx, testDb.url(), new PoolOptions().setMaxSize(1)));
    try {
      VolumeType t = await(single.volumeTypes().create(VolumeType.builder().name(unique("tx")).build()));
      assertThat(failure(single.volumeTypes().create(VolumeType.builder().name(t.name()).build())))
          .isInstanceOf(DuplicateException.class);
      assertThat(await(single.volumeTypes().update(t.id(), Map.of("description", "seen")))).isTrue();

      assertThat(await(db.volumeTypes().get(t.id())).description()).isEqualTo("seen");
    } finally {
      await(single.close());
    }
  }

  // ---- services ----

  @Test
  void registerHeartbeatAndRestartKeepOneRowPerHostAndBinary() {
    String host = unique("node") + "@lvm";
    Service registered = await(db.services().register(service(host, "cinder-volume", "3.17")));

    assertThat(registered.id()).isNotNull();
    assertThat(registered.reportCount()).isZero();
    assertThat(registered.updatedAt()).isNull();
    assertThat(registered.uuid()).isNotNull();
    assertThat(registered.replicationStatus()).isEqualTo("not-capable");
    assertThat(ServiceRepository.isUp(registered, db.now(), Duration.ofSeconds(60))).isFalse();

    assertThat(await(db.services().heartbeat(registered.id()))).isTrue();
    assertThat(await(db.services().heartbeat(registered.id()))).isTrue();
    Service beating = await(db.services().get(registered.id()));
    assertThat(beating.reportCount()).isEqualTo(2);
    assertThat(beating.updatedAt()).isCloseTo(db.now(), within(1, ChronoUnit.MINUTES));
    assertThat(ServiceRepository.isUp(beating, db.now(), Duration.ofSeconds(60))).isTrue();
    assertThat(ServiceRepository.isUp(beating, db.now().plusSeconds(61), Duration.ofSeconds(60))).isFalse();

    Service restarted = await(db.services().register(service(host, "cinder-volume", "3.18")));
    assertThat(restarted.id()).isEqualTo(registered.id());
    assertThat(restarted.reportCount()).isEqualTo(2);
    assertThat(restarted.rpcCurrentVersion()).isEqualTo("3.18");
    assertThat(await(db.services().list(host, null))).extracting(Service::id).containsExactly(registered.id());
  }

  @Test
  void disablingKeepsTheHeartbeatTimeAndRemovedServicesComeBackAsNewRows() {
    String host = unique("node");
    Service s = await(db.services().register(service(host, "cinder-backup", "2.3")));
    await(db.services().heartbeat(s.id()));
    LocalDateTime lastBeat = await(db.services().get(s.id())).updatedAt();

    assertThat(await(db.services().setDisabled(s.id(), true, "maintenance"))).isTrue();
    Service disabled = await(db.services().get(s.id()));
    assertThat(disabled.disabled()).isTrue();
    assertThat(disabled.disabledReason()).isEqualTo("maintenance");
    assertThat(disabled.modifiedAt()).isNotNull();
    assertThat(disabled.updatedAt()).isEqualTo(lastBeat);
    await(db.services().setDisabled(s.id(), false));
    assertThat(await(db.services().get(s.id())).disabledReason()).isEqualTo("maintenance");

    assertThat(await(db.services().softDelete(s.id()))).isTrue();
    assertThat(await(db.services().find(s.id()))).isEmpty();
    assertThat(await(db.services().heartbeat(s.id()))).isFalse();
    Service back = await(db.services().register(service(host, "cinder-backup", "2.3")));
    assertThat(back.id()).isNotEqualTo(s.id());
    assertThat(back.disabled()).isFalse();
  }

  @Test
  void serviceListMatchesHostLevelsAndFindsTheMinimumRpcVersion() {
    String node = unique("n");
    Service a = await(db.services().register(service(node + "@lvm", "cinder-volume", "3.18")));
    Service b = await(db.services().register(service(node + "@ceph", "cinder-volume", "3.9")));
    await(db.services().register(service(node + "x@lvm", "cinder-volume", "3.18")));
    Service sched = await(db.services().register(service(node, "cinder-scheduler", "3.12")));

    assertThat(await(db.services().list(node, "cinder-volume"))).extracting(Service::id)
        .containsExactly(a.id(), b.id());
    assertThat(await(db.services().list(node, null))).extracting(Service::id)
        .containsExactly(a.id(), b.id(), sched.id());
    assertThat(await(db.services().findByHostAndBinary(node + "@ceph", "cinder-volume"))).contains(b);
    assertThat(await(db.services().minimumRpcVersion("cinder-volume"))).contains("3.9");
    assertThat(await(db.services().listByTopic("cinder-volume"))).extracting(Service::id).contains(a.id(), b.id());
  }

  // ---- volume types ----

  @Test
  void volumeTypesHaveLiveUniqueNamesAndExtraSpecs() {
    String name = unique("gold");
    VolumeType gold = await(db.volumeTypes().create(VolumeType.builder().name(name).description("fast")
        .extraSpecs(Map.of("volume_backend_name", "lvm")).build()));

    assertThat(gold.extraSpecs()).containsExactly(Map.entry("volume_backend_name", "lvm"));
    assertThat(await(db.volumeTypes().findByNameOrId(name))).contains(gold);
    assertThat(await(db.volumeTypes().findByNameOrId(gold.id()))).contains(gold);
    assertThat(failure(db.volumeTypes().create(VolumeType.builder().name(name).build())))
        .isInstanceOf(DuplicateException.class).hasMessageContaining(name);

    assertThat(await(db.volumeTypes().setExtraSpecs(gold.id(), Map.of("volume_backend_name", "ceph", "k", "v"))))
        .isEqualTo(Map.of("volume_backend_name", "ceph", "k", "v"));
    assertThat(await(db.volumeTypes().deleteExtraSpec(gold.id(), "k"))).isTrue();
    assertThat(await(db.volumeTypes().getExtraSpecs(gold.id()))).isEqualTo(Map.of("volume_backend_name", "ceph"));

    assertThat(await(db.volumeTypes().update(gold.id(), Map.of("description", "faster")))).isTrue();
    assertThat(await(db.volumeTypes().get(gold.id())).description()).isEqualTo("faster");
    assertThat(failure(db.volumeTypes().update(gold.id(), Map.of("name", "__DEFAULT__"))))
        .isInstanceOf(DuplicateException.class);
    assertThat(await(db.volumeTypes().list())).extracting(VolumeType::name).contains("__DEFAULT__", name);

    assertThat(await(db.volumeTypes().softDelete(gold.id()))).isTrue();
    assertThat(await(db.volumeTypes().find(gold.id()))).isEmpty();
    assertThat(await(db.volumeTypes().list())).extracting(VolumeType::name).doesNotContain(name);
    VolumeType again = await(db.volumeTypes().create(VolumeType.builder().name(name).build()));
    assertThat(again.id()).isNotEqualTo(gold.id());
  }

  @Test
  void aTypeInUseCannotBeDeleted() {
    VolumeType t = await(db.volumeTypes().create(VolumeType.builder().name(unique("used")).build()));
    Volume v = await(db.volumes().insert(volume(unique("p"), "h@b#p", "available").volumeTypeId(t.id()).build()));

    assertThat(failure(db.volumeTypes().softDelete(t.id()))).isInstanceOf(InUseException.class);
    await(db.volumes().softDelete(v.id()));
    assertThat(await(db.volumeTypes().softDelete(t.id()))).isTrue();
  }

  // ---- volumes ----

  @Test
  void insertedVolumeComesBackWithMetadataTypeAndAsAPrimitive() {
    String project = unique("p");
    Volume inserted = await(db.volumes().insert(volume(project, null, "creating")
        .metadata(Map.of("purpose", "test")).adminMetadata(Map.of("readonly", "False")).build()));

    Volume got = await(db.volumes().get(inserted.id()));
    assertThat(got).isEqualTo(inserted);
    assertThat(got.metadata()).containsExactly(Map.entry("purpose", "test"));
    assertThat(got.adminMetadata()).containsExactly(Map.entry("readonly", "False"));
    assertThat(got.volumeType().id()).isEqualTo(defaultTypeId);
    assertThat(got.volumeType().name()).isEqualTo("__DEFAULT__");
    assertThat(got.createdAt()).isCloseTo(db.now(), within(1, ChronoUnit.MINUTES));
    assertThat(got.useQuota()).isTrue();
    assertThat(got.sharedTargets()).isTrue();
    JsonObject primitive = VersionedObjects.toPrimitive(got);
    assertThat(VersionedObjects.toPrimitive(VersionedObjects.toVolume(primitive))).isEqualTo(primitive);
    assertThat(primitive.getJsonObject(VersionedObjects.DATA).getJsonObject("volume_type")
        .getJsonObject(VersionedObjects.DATA).getString("name")).isEqualTo("__DEFAULT__");
    assertThat(failure(db.volumes().get(UUID.randomUUID().toString())))
        .isInstanceOf(NotFoundException.class).hasMessageEndingWith("could not be found.");
  }

  @Test
  void statusChangesAreCompareAndSet() {
    Volume v = await(db.volumes().insert(volume(unique("p"), null, "creating").build()));
    LocalDateTime launched = db.now();

    assertThat(await(db.volumes().updateStatus(v.id(), List.of("creating"), "available",
        Map.of("launched_at", launched, "host", "h@b#p")))).isTrue();
    assertThat(await(db.volumes().updateStatus(v.id(), List.of("creating"), "error", Map.of()))).isFalse();
    Volume available = await(db.volumes().get(v.id()));
    assertThat(available.status()).isEqualTo("available");
    assertThat(available.launchedAt()).isEqualTo(launched);
    assertThat(available.host()).isEqualTo("h@b#p");
    assertThat(available.updatedAt()).isNotNull();

    // many deleters, one winner
    List<Future<Boolean>> racers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      racers.add(db.volumes().updateStatus(v.id(), List.of("available", "error"), "deleting", Map.of()));
    }
    await(Future.all(racers));
    assertThat(racers.stream().filter(Future::result).count()).isEqualTo(1);

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("status", "deleting");
    expected.put("migration_status", null);
    assertThat(await(db.volumes().conditionalUpdate(v.id(), expected, Map.of("previous_status", "deleting"))))
        .isTrue();
    assertThat(await(db.volumes().conditionalUpdate(v.id(), Map.of("migration_status", "migrating"),
        Map.of("status", "error")))).isFalse();
  }

  @Test
  void listByHostFollowsCindersHostLevels() {
    String n = unique("node");
    String p = unique("p");
    Volume pool1 = insertAt(p, n + "@new_lvm#p1", "available");
    Volume pool2 = insertAt(p, n + "@new_lvm#p2", "in-use");
    Volume noPool = insertAt(p, n + "@new_lvm", "available");
    Volume otherBackend = insertAt(p, n + "@ceph#p1", "available");
    Volume lookalike = insertAt(p, n + "@newXlvm#p1", "available"); // '_' must not act as a LIKE wildcard
    insertAt(p, n + "x@new_lvm#p1", "available");
    insertAt(p, n + "_2@new_lvm#p1", "available");

    assertThat(ids(db.volumes().listByHost(n + "@new_lvm#p1", null))).containsExactly(pool1.id());
    assertThat(ids(db.volumes().listByHost(n + "@new_lvm", null)))
        .containsExactlyInAnyOrder(pool1.id(), pool2.id(), noPool.id());
    assertThat(ids(db.volumes().listByHost(n, null)))
        .containsExactlyInAnyOrder(pool1.id(), pool2.id(), noPool.id(), otherBackend.id(), lookalike.id());
    assertThat(ids(db.volumes().listByHost(n + "@new_lvm", List.of("available", "in-use"))))
        .containsExactlyInAnyOrder(pool1.id(), pool2.id(), noPool.id());
    assertThat(ids(db.volumes().listByHost(n + "@new_lvm", List.of("in-use")))).containsExactly(pool2.id());

    assertThat(await(db.volumes().updateHost(n + "@new_lvm", n + "2@new_lvm#p1"))).isEqualTo(3);
    assertThat(ids(db.volumes().listByHost(n + "2@new_lvm", null)))
        .containsExactlyInAnyOrder(pool1.id(), pool2.id(), noPool.id());
  }

  @Test
  void updateHostMovesOnlyTheLiveVolumesOfThatBackendAndItsPools() {
    String n = unique("node");
    String p = unique("p");
    Volume pooled = insertAt(p, n + "@lvm#lvm", "available");
    Volume bare = insertAt(p, n + "@lvm", "error");
    Volume gone = insertAt(p, n + "@lvm#lvm", "available");
    await(db.volumes().softDelete(gone.id()));
    Volume longerBackend = insertAt(p, n + "@lvm2#lvm", "available");
    Volume otherHost = insertAt(p, n + "x@lvm#lvm", "available");

    assertThat(await(db.volumes().updateHost(n + "@lvm", n + "-b@lvm"))).isEqualTo(2);

    assertThat(await(db.volumes().get(pooled.id())).host()).isEqualTo(n + "-b@lvm");
    assertThat(await(db.volumes().get(bare.id())).host()).isEqualTo(n + "-b@lvm");
    assertThat(await(db.volumes().find(gone.id(), true)).orElseThrow().host()).isEqualTo(n + "@lvm#lvm");
    assertThat(await(db.volumes().get(longerBackend.id())).host()).isEqualTo(n + "@lvm2#lvm");
    assertThat(await(db.volumes().get(otherHost.id())).host()).isEqualTo(n + "x@lvm#lvm");
    assertThat(await(db.volumes().updateHost(n + "@nothing", n + "-b@lvm"))).isZero();
  }

  @Test
  void listingPagesThroughEverySortOrderWithoutGapsOrRepeats() {
    String p = unique("p");
    LocalDateTime sameTime = db.now().minusHours(1);
    String[] names = {"b", null, "a", "c", null, "b", "a"};
    List<Volume> all = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      // several identical created_at values: the id tie-breaker must keep the order total
      all.add(await(db.volumes().insert(volume(p, "h@b#p", i % 2 == 0 ? "available" : "error")
          .displayName(names[i]).size(i % 3 + 1).createdAt(i < 4 ? sameTime : sameTime.plusSeconds(i)).build())));
    }
    insertAt(unique("other"), "h@b#p", "available");

    Comparator<Volume> byName = Comparator.comparing(Volume::displayName,
        Comparator.nullsFirst(Comparator.<String>naturalOrder()));
    Comparator<Volume> tieBreak = Comparator.comparing(Volume::createdAt).thenComparing(Volume::id);
    for (boolean asc : List.of(true, false)) {
      Comparator<Volume> order = asc ? byName.thenComparing(tieBreak) : byName.thenComparing(tieBreak).reversed();
      List<String> expected = all.stream().sorted(order).map(Volume::id).toList();
      List<String> paged = new ArrayList<>();
      String marker = null;
      for (int page = 0; page < 10; page++) {
        List<Volume> got = await(db.volumes().list(ListQuery.builder().projectId(p).sort("name", asc ? "asc" : "desc")
            .limit(3).marker(marker).build()));
        got.forEach(v -> paged.add(v.id()));
        if (got.size() < 3) {
          break;
        }
        marker = got.get(got.size() - 1).id();
      }
      assertThat(paged).as(asc ? "ascending" : "descending").containsExactlyElementsOf(expected);
    }

    List<String> newestFirst = all.stream().sorted(tieBreak.reversed()).map(Volume::id).toList();
    assertThat(ids(db.volumes().list(ListQuery.builder().projectId(p).build()))).containsExactlyElementsOf(newestFirst);
    assertThat(ids(db.volumes().list(ListQuery.builder().projectId(p).limit(2).offset(1).build())))
        .containsExactlyElementsOf(newestFirst.subList(1, 3));
    assertThat(ids(db.volumes().list(ListQuery.builder().projectId(p).sort("size", "asc").sort("name", null)
        .build()))).hasSize(7);
    assertThat(await(db.volumes().count(ListQuery.builder().projectId(p).filter("status", "error").build())))
        .isEqualTo(3);
    assertThat(ids(db.volumes().list(ListQuery.builder().projectId(p).filter("name", "a").build())))
        .containsExactlyInAnyOrder(all.get(2).id(), all.get(6).id());
    assertThat(failure(db.volumes().list(ListQuery.builder().projectId(p).marker(UUID.randomUUID().toString())
        .build()))).isInstanceOf(MarkerNotFoundException.class);
    assertThat(failure(db.volumes().list(ListQuery.builder().sort("password", "asc").build())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void metadataFiltersAndUpdates() {
    String p = unique("p");
    Volume tagged = await(db.volumes().insert(volume(p, null, "available").metadata(Map.of("tier", "gold",
        "team", "a")).build()));
    await(db.volumes().insert(volume(p, null, "available").metadata(Map.of("tier", "silver")).build()));

    assertThat(ids(db.volumes().list(ListQuery.builder().projectId(p).metadata("tier", "gold").build())))
        .containsExactly(tagged.id());
    assertThat(ids(db.volumes().list(ListQuery.builder().projectId(p).metadata("tier", "gold")
        .metadata("team", "b").build()))).isEmpty();

    assertThat(await(db.volumes().setMetadata(tagged.id(), Map.of("team", "b", "new", "1"), false)))
        .isEqualTo(Map.of("tier", "gold", "team", "b", "new", "1"));
    assertThat(await(db.volumes().setMetadata(tagged.id(), Map.of("only", "this"), true)))
        .isEqualTo(Map.of("only", "this"));
    assertThat(await(db.volumes().deleteMetadata(tagged.id(), "only"))).isTrue();
    assertThat(await(db.volumes().getMetadata(tagged.id()))).isEmpty();
    assertThat(await(db.volumes().setAdminMetadata(tagged.id(), Map.of("attached_mode", "rw"), false)))
        .isEqualTo(Map.of("attached_mode", "rw"));
  }

  @Test
  void metadataWritesAreBatchedAndCanBeCapped() {
    String p = unique("p");
    Volume v = await(db.volumes().insert(volume(p, null, "available").metadata(Map.of("a", "1", "b", "2")).build()));
    Map<String, String> many = new LinkedHashMap<>();
    IntStream.range(0, 500).forEach(i -> many.put("k" + i, "v" + i));
    assertThat(await(db.volumes().setMetadata(v.id(), many, false))).hasSize(502);
    // changed, kept, added and removed keys in one replace
    Map<String, String> next = new LinkedHashMap<>(Map.of("a", "changed", "k0", "v0", "fresh", "x"));
    assertThat(await(db.volumes().setMetadata(v.id(), next, true))).isEqualTo(next);
    assertThat(failure(db.volumes().setMetadata(v.id(), Map.of("c", "3", "d", "4"), false, 4)))
        .isInstanceOfSatisfying(TooManyItemsException.class, e -> assertThat(e.limit()).isEqualTo(4));
    assertThat(await(db.volumes().getMetadata(v.id()))).isEqualTo(next);
    assertThat(await(db.volumes().setMetadata(v.id(), Map.of("c", "3"), false, 4))).hasSize(4);
    assertThat(await(db.volumes().setMetadata(v.id(), Map.of(), true))).isEmpty();
  }

  @Test
  void timeComparisonsAreOredAndSortKeysAreFewAndDistinct() {
    String p = unique("p");
    LocalDateTime base = LocalDateTime.of(2019, 6, 1, 0, 0);
    Volume old = await(db.volumes().insert(volume(p, null, "available").createdAt(base).build()));
    Volume young = await(db.volumes().insert(volume(p, null, "available").createdAt(base.plusYears(2)).build()));
    ListQuery.TimeComparison after2020 = new ListQuery.TimeComparison(Map.of("gt", base.plusMonths(7)));
    assertThat(ids(db.volumes().list(ListQuery.builder().projectId(p).filter("created_at", after2020).build())))
        .containsExactly(young.id());
    ListQuery.TimeComparison either = new ListQuery.TimeComparison(Map.of("lte", base, "gte", base.plusYears(2)));
    assertThat(ids(db.volumes().list(ListQuery.builder().projectId(p).filter("created_at", either).build())))
        .containsExactlyInAnyOrder(old.id(), young.id());
    ListQuery.TimeComparison notOld = new ListQuery.TimeComparison(Map.of("neq", base));
    assertThat(await(db.volumes().count(ListQuery.builder().projectId(p).filter("created_at", notOld).build())))
        .isEqualTo(1);

    assertThat(failure(db.volumes().list(ListQuery.builder().sort("name", "asc").sort("display_name", "asc")
        .build()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than once");
    ListQuery.Builder tooMany = ListQuery.builder();
    IntStream.range(0, ListQuery.MAX_SORT_KEYS + 1).forEach(i -> tooMany.sort("id", "asc"));
    assertThat(failure(db.volumes().list(tooMany.build()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("At most 10 sort keys");
  }

  @Test
  void softDeletedVolumesAreHiddenButKeptAsDeleted() {
    String p = unique("p");
    Volume v = await(db.volumes().insert(volume(p, "h@b#p", "deleting").metadata(Map.of("k", "v")).build()));

    assertThat(await(db.volumes().softDelete(v.id()))).isTrue();
    assertThat(await(db.volumes().softDelete(v.id()))).isFalse();
    assertThat(await(db.volumes().find(v.id()))).isEmpty();
    assertThat(ids(db.volumes().list(ListQuery.builder().projectId(p).build()))).isEmpty();
    assertThat(ids(db.volumes().listByHost("h@b#p", null))).doesNotContain(v.id());
    assertThat(await(db.volumes().update(v.id(), Map.of("status", "available")))).isFalse();
    Volume gone = await(db.volumes().find(v.id(), true)).orElseThrow();
    assertThat(gone.status()).isEqualTo("deleted");
    assertThat(gone.deleted()).isTrue();
    assertThat(gone.deletedAt()).isNotNull();
    assertThat(gone.metadata()).isEmpty();
  }

  // ---- backups ----

  @Test
  void backupsLifeCycle() {
    String p = unique("p");
    String host = unique("bk");
    Volume v = insertAt(p, "h@b#p", "backing-up");
    Backup b = await(db.backups().insert(Backup.builder().userId("u").projectId(p).volumeId(v.id())
        .status("creating").size(1).displayName("bk").metadata(Map.of("k", "v")).build()));

    assertThat(b.host()).isNull();
    assertThat(await(db.backups().update(b.id(), Map.of("host", host)))).isTrue();
    assertThat(await(db.backups().updateStatus(b.id(), List.of("creating"), "available",
        Map.of("service", "cinder.backup.drivers.posix.PosixBackupDriver", "object_count", 1)))).isTrue();
    assertThat(await(db.backups().updateStatus(b.id(), List.of("creating"), "error", Map.of()))).isFalse();
    Backup available = await(db.backups().get(b.id()));
    assertThat(available.status()).isEqualTo("available");
    assertThat(available.objectCount()).isEqualTo(1);
    assertThat(available.metadata()).isEqualTo(Map.of("k", "v"));
    assertThat(VersionedObjects.toPrimitive(available).getJsonObject(VersionedObjects.DATA).getString("host"))
        .isEqualTo(host);

    Backup other = await(db.backups().insert(Backup.builder().projectId(p).volumeId(v.id()).host(host)
        .status("creating").build()));
    assertThat(await(db.backups().listByHost(host, List.of("creating")))).extracting(Backup::id)
        .containsExactly(other.id());
    assertThat(await(db.backups().listByHost(host, null))).hasSize(2);
    assertThat(await(db.backups().listByVolume(v.id()))).hasSize(2);
    assertThat(await(db.backups().list(ListQuery.builder().projectId(p).sort("created_at", "asc").limit(1)
        .build()))).extracting(Backup::id).containsExactly(b.id());
    assertThat(await(db.backups().list(ListQuery.builder().projectId(p).sort("created_at", "asc").limit(1)
        .marker(b.id()).build()))).extracting(Backup::id).containsExactly(other.id());
    assertThat(await(db.backups().count(ListQuery.builder().projectId(p).metadata("k", "v").build()))).isEqualTo(1);

    assertThat(await(db.backups().softDelete(b.id()))).isTrue();
    assertThat(await(db.backups().find(b.id()))).isEmpty();
    assertThat(await(db.backups().find(b.id(), true)).orElseThrow().status()).isEqualTo("deleted");
    assertThat(await(db.backups().listByHost(host, null))).extracting(Backup::id).containsExactly(other.id());
    assertThat(await(db.backups().updateHost(host, host + "-new"))).isEqualTo(1);
  }

  @Test
  void everyWriteCutsALongFailReasonToItsColumn() {
    String p = unique("p");
    Volume v = insertAt(p, "h@b#p", "backing-up");
    String reason = "x".repeat(10_000);
    String cut = "x".repeat(BackupRepository.FAIL_REASON_LENGTH);
    Backup inserted = await(db.backups().insert(Backup.builder().projectId(p).volumeId(v.id()).status("error")
        .failReason(reason).build()));
    assertThat(inserted.failReason()).isEqualTo(cut);

    Backup b = await(db.backups().insert(Backup.builder().projectId(p).volumeId(v.id()).status("creating").build()));
    assertThat(await(db.backups().updateStatus(b.id(), List.of("creating"), "error",
        Map.of("fail_reason", reason)))).isTrue();
    Backup failed = await(db.backups().get(b.id()));
    assertThat(failed.status()).isEqualTo("error");
    assertThat(failed.failReason()).isEqualTo(cut);
    assertThat(await(db.backups().update(b.id(), Map.of("fail_reason", "y" + reason)))).isTrue();
    assertThat(await(db.backups().get(b.id())).failReason()).hasSize(cut.length()).startsWith("yx");
    assertThat(await(db.backups().conditionalUpdate(b.id(), Map.of("status", "error"),
        Map.of("fail_reason", "z" + reason)))).isTrue();
    assertThat(await(db.backups().get(b.id())).failReason()).hasSize(cut.length()).startsWith("zx");
    // a character outside the BMP is never cut in half
    String emoji = "x".repeat(BackupRepository.FAIL_REASON_LENGTH - 1) + "\uD83D\uDCA5" + "tail";
    assertThat(await(db.backups().update(b.id(), Map.of("fail_reason", emoji)))).isTrue();
    assertThat(await(db.backups().get(b.id())).failReason()).isEqualTo(emoji.substring(0, 254));
  }

  // ---- workers ----

  @Test
  void workersAreClaimedOnceAndRemovedWhenDone() {
    Service dead = await(db.services().register(service(unique("dead") + "@lvm", "cinder-volume", "3.18")));
    Service alive = await(db.services().register(service(unique("alive") + "@lvm", "cinder-volume", "3.18")));
    String volumeId = UUID.randomUUID().toString();

    Worker w = await(db.workers().add(Worker.VOLUME, volumeId, "creating", dead.id()));
    assertThat(w.serviceId()).isEqualTo(dead.id());
    Worker moved = await(db.workers().add(Worker.VOLUME, volumeId, "deleting", dead.id()));
    assertThat(moved.id()).isEqualTo(w.id());
    assertThat(moved.status()).isEqualTo("deleting");
    assertThat(await(db.workers().listByServiceId(dead.id()))).extracting(Worker::resourceId)
        .containsExactly(volumeId);

    assertThat(await(db.workers().claim(moved, alive.id()))).isTrue();
    assertThat(await(db.workers().claim(moved, dead.id()))).as("stale race_preventer").isFalse();
    assertThat(await(db.workers().listByServiceId(dead.id()))).isEmpty();
    assertThat(await(db.workers().listByServiceId(alive.id()))).singleElement()
        .satisfies(x -> assertThat(x.racePreventer()).isEqualTo(moved.racePreventer() + 1));

    assertThat(await(db.workers().remove(Worker.VOLUME, volumeId))).isTrue();
    assertThat(await(db.workers().find(Worker.VOLUME, volumeId))).isEmpty();
  }

  // ---- quotas ----

  @Test
  void quotasRefusePastTheLimitAllOrNothing() {
    String p = unique("p");
    QuotaRepository quotas = db.quotas();
    assertThat(await(quotas.usage(p)).get("volumes")).isEqualTo(new QuotaUsage(p, "volumes", 10, 0, 0));

    await(quotas.setLimit(p, "volumes", 2));
    await(quotas.consume(p, Map.of("volumes", 1, "gigabytes", 10)));
    await(quotas.consume(p, Map.of("volumes", 1, "gigabytes", 10)));
    Throwable refused = failure(quotas.consume(p, Map.of("gigabytes", 10, "volumes", 1)));
    assertThat(refused).isInstanceOf(QuotaExceededException.class);
    QuotaExceededException e = (QuotaExceededException) refused;
    assertThat(e.resource()).isEqualTo("volumes");
    assertThat(e.limit()).isEqualTo(2);
    assertThat(e.consumed()).isEqualTo(2);
    Map<String, QuotaUsage> usage = await(quotas.usage(p));
    assertThat(usage.get("gigabytes").inUse()).as("rolled back with the volumes refusal").isEqualTo(20);

    await(quotas.release(p, Map.of("volumes", 1, "gigabytes", 10)));
    await(quotas.reserve(p, Map.of("volumes", 1)));
    assertThat(failure(quotas.reserve(p, Map.of("volumes", 1)))).isInstanceOf(QuotaExceededException.class);
    await(quotas.commit(p, Map.of("volumes", 1)));
    assertThat(await(quotas.usage(p)).get("volumes")).isEqualTo(new QuotaUsage(p, "volumes", 2, 2, 0));
    await(quotas.release(p, Map.of("volumes", 5)));
    assertThat(await(quotas.usage(p)).get("volumes").inUse()).isZero();
    await(quotas.setLimit(p, "volumes", -1));
    await(quotas.consume(p, Map.of("volumes", 100)));
  }

  @Test
  void concurrentReservationsNeverOvershoot() {
    String p = unique("p");
    await(db.quotas().setLimit(p, "backups", 5));
    List<Future<Void>> attempts = IntStream.range(0, 12)
        .mapToObj(i -> db.quotas().reserve(p, Map.of("backups", 1))).toList();
    await(Future.join(attempts).otherwiseEmpty());

    assertThat(attempts.stream().filter(Future::succeeded).count()).isEqualTo(5);
    assertThat(attempts.stream().filter(Future::failed))
        .allSatisfy(f -> assertThat(f.cause()).isInstanceOf(QuotaExceededException.class));
    assertThat(await(db.quotas().usage(p)).get("backups").reserved()).isEqualTo(5);
  }

  @Test
  void quotaMovesWithTheRowItCountsOrNotAtAll() {
    String p = unique("p");
    Map<String, Integer> one = new LinkedHashMap<>();
    one.put("volumes", 1);
    one.put("gigabytes", 1);
    Volume existing = insertAt(p, "h1", "available");

    // an insert that fails (duplicate id) takes no quota: the usage rolls back with it
    Throwable duplicate = failure(db.quotas().inTransaction(p, one.keySet(), tx -> tx.consume(one)
        .compose(v -> db.volumes().insert(tx.connection(), volume(p, "h1", "creating").id(existing.id()).build()))));
    assertThat(duplicate).isNotInstanceOf(QuotaExceededException.class);
    assertThat(await(db.quotas().usage(p)).get("volumes").inUse()).isZero();

    // a refused quota leaves no row, even one inserted first in the same transaction
    await(db.quotas().setLimit(p, "volumes", 0));
    Volume refusedRow = volume(p, "h1", "creating").id(UUID.randomUUID().toString()).build();
    Throwable refused = failure(db.quotas().inTransaction(p, one.keySet(), tx ->
        db.volumes().insert(tx.connection(), refusedRow).compose(id -> tx.consume(one))));
    assertThat(refused).isInstanceOf(QuotaExceededException.class);
    assertThat(await(db.volumes().find(refusedRow.id(), true))).isEmpty();

    // both commit together
    await(db.quotas().setLimit(p, "volumes", 1));
    String id = await(db.quotas().inTransaction(p, one.keySet(), tx -> tx.consume(one)
        .compose(v -> db.volumes().insert(tx.connection(), volume(p, "h1", "creating").build()))));
    assertThat(await(db.volumes().get(id)).status()).isEqualTo("creating");
    assertThat(await(db.quotas().usage(p)).get("volumes").inUse()).isEqualTo(1);
    assertThat(await(db.quotas().usage(p)).get("gigabytes").inUse()).isEqualTo(1);
  }

  @Test
  void ofConcurrentSoftDeletesOnlyTheOneThatDeletedTheRowGivesItsQuotaBack() {
    String p = unique("p");
    await(db.quotas().consume(p, Map.of("volumes", 3, "gigabytes", 30)));
    Volume doomed = await(db.volumes().insert(volume(p, "h1", "deleting").size(10).build()));
    Map<String, Integer> quota = Map.of("volumes", 1, "gigabytes", 10);
    List<Future<Boolean>> deletes = IntStream.range(0, 10)
        .mapToObj(i -> db.quotas().inTransaction(p, quota.keySet(), tx ->
            db.volumes().softDelete(tx.connection(), doomed.id())
                .compose(won -> won ? tx.release(quota).map(true) : Future.succeededFuture(false))))
        .toList();
    await(Future.all(deletes));

    assertThat(deletes.stream().filter(Future::result).count()).isEqualTo(1);
    Map<String, QuotaUsage> usage = await(db.quotas().usage(p));
    assertThat(usage.get("volumes").inUse()).isEqualTo(2);
    assertThat(usage.get("gigabytes").inUse()).isEqualTo(20);
    assertThat(await(db.volumes().find(doomed.id(), true)).orElseThrow().status()).isEqualTo("deleted");
  }

  @Test
  void aFailedExtendGivesItsGigabytesBackOnceAndOnlyWhenItsStatusChangeApplies() {
    String p = unique("p");
    await(db.quotas().consume(p, Map.of("volumes", 1, "gigabytes", 15)));
    Volume extending = await(db.volumes().insert(volume(p, "h1", "extending").size(10).build()));
    List<Future<Boolean>> failures = IntStream.range(0, 5)
        .mapToObj(i -> db.volumes().updateStatusReleasingGigabytes(extending, List.of("extending"),
            "error_extending", Map.of(), 5))
        .toList();
    await(Future.all(failures));

    assertThat(failures.stream().filter(Future::result).count()).isEqualTo(1);
    assertThat(await(db.quotas().usage(p)).get("gigabytes").inUse()).isEqualTo(10);
    assertThat(await(db.volumes().get(extending.id())).status()).isEqualTo("error_extending");
  }

  @Test
  void aNotExpectationMatchesEveryValueButThose() {
    Volume v = insertAt(unique("p"), "h1", "deleting");
    assertThat(await(db.volumes().conditionalUpdate(v.id(), Map.of("status", Not.of("deleting")),
        Map.of("status", "error")))).isFalse();
    assertThat(await(db.volumes().conditionalUpdate(v.id(), Map.of("status", Not.of("available", "error")),
        Map.of("status", "error")))).isTrue();
    // a NULL column is "not deleting" too
    assertThat(await(db.volumes().conditionalUpdate(v.id(), Map.of("migration_status", Not.of("migrating")),
        Map.of("status", "available")))).isTrue();
    assertThat(await(db.volumes().get(v.id())).status()).isEqualTo("available");
  }

  // ---- user messages ----

  @Test
  void userMessagesAreListedPerProjectAndExpire() {
    String p = unique("p");
    UserMessage m = await(db.messages().create(new UserMessage(null, p, "req-1", "VOLUME", "v1",
        "VOLUME_VOLUME_001_003", "003", "ERROR", db.now().plusDays(30), null)));
    await(db.messages().create(new UserMessage(null, p, "req-2", "VOLUME", "v2", "VOLUME_VOLUME_001_003", "003",
        "ERROR", db.now().minusSeconds(1), null)));

    assertThat(await(db.messages().list(p))).hasSize(2);
    assertThat(await(db.messages().deleteExpired())).isGreaterThanOrEqualTo(1);
    assertThat(await(db.messages().list(p))).extracting(UserMessage::id).containsExactly(m.id());
    assertThat(await(db.messages().find(m.id()))).contains(m);
    assertThat(await(db.messages().delete(m.id()))).isTrue();
    assertThat(await(db.messages().list(p))).isEmpty();
  }

  // ---- trace (emulator_trace_*) ----

  @Test
  void appliedStatusChangesAreReportedToTheTraceHook() {
    List<String> seen = new ArrayList<>();
    db.onStatusChange((table, id, expected, status) -> seen.add(table + " " + id + " " + expected + " " + status));
    try {
      Volume v = await(db.volumes().insert(volume(unique("p"), null, "creating").build()));
      await(db.volumes().updateStatus(v.id(), List.of("creating"), "available", Map.of()));
      await(db.volumes().updateStatus(v.id(), List.of("creating"), "error", Map.of()));
      await(db.volumes().softDelete(v.id()));
      assertThat(seen).containsExactly("volumes " + v.id() + " null creating",
          "volumes " + v.id() + " [creating] available", "volumes " + v.id() + " null deleted");
    } finally {
      db.onStatusChange(null);
    }
  }

  @Test
  void traceHopsOfARequestComeWithTheRepliesToItsCallsAndAgeOut() {
    TraceRepository traces = new TraceRepository(db);
    String req = "req-" + UUID.randomUUID();
    String other = "req-" + UUID.randomUUID();
    String volumeId = UUID.randomUUID().toString();
    String msgId = unique("m");
    java.time.Instant t0 = java.time.Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(60);
    await(traces.insertHops(List.of(
        hop(req, volumeId, Hop.Side.PUBLISH, Hop.Kind.CALL, "initialize_connection", msgId, "u1", t0),
        hop(req, volumeId, Hop.Side.CONSUME, Hop.Kind.CALL, "initialize_connection", msgId, "u1", t0.plusMillis(1)),
        hop(req, null, Hop.Side.PUBLISH, Hop.Kind.REPLY, null, msgId, "u2", t0.plusMillis(2)),
        hop(null, null, Hop.Side.CONSUME, Hop.Kind.REPLY, null, msgId, "u2", t0.plusMillis(3)),
        hop(other, null, Hop.Side.PUBLISH, Hop.Kind.FANOUT, "update_service_capabilities", null, "u3",
            t0.plusSeconds(30)))));
    await(traces.insertStatusChanges(List.of(new StatusChange(req, "volume", volumeId, "creating", "available",
        "cinder-volume", "h@b", t0.plusMillis(4)))));

    assertThat(await(traces.requestsTouching(volumeId))).containsExactly(req);
    List<Hop> hops = await(traces.hopsOf(List.of(req)));
    assertThat(hops).extracting(Hop::uniqueId).containsExactly("u1", "u1", "u2", "u2");
    assertThat(hops.get(1)).isEqualTo(hop(req, volumeId, Hop.Side.CONSUME, Hop.Kind.CALL, "initialize_connection",
        msgId, "u1", t0.plusMillis(1)));
    assertThat(await(traces.statusChangesOf(List.of(req)))).extracting(StatusChange::to).containsExactly("available");

    assertThat(await(traces.prune(t0.plusSeconds(10)))).isGreaterThanOrEqualTo(5);
    assertThat(await(traces.hopsOf(List.of(req)))).isEmpty();
    assertThat(await(traces.hopsOf(List.of(other)))).hasSize(1);
  }

  private static Hop hop(String req, String resource, Hop.Side side, Hop.Kind kind, String method, String msgId,
      String uniqueId, java.time.Instant at) {
    boolean consume = side == Hop.Side.CONSUME;
    return new Hop(req, resource, side, kind, method, "3.0", consume ? null : "openstack", consume ? null : "t.s",
        consume ? "t.s" : null, uniqueId, msgId, "cinder-volume", "h@b", at, consume ? at.plusMillis(5) : null,
        consume ? "ok" : null, "0123456789abcdef", null);
  }

  // ---- helpers ----

  private Volume insertAt(String project, String host, String status) {
    return await(db.volumes().insert(volume(project, host, status).build()));
  }

  private Volume.Builder volume(String project, String host, String status) {
    return Volume.builder().userId("u").projectId(project).host(host).size(1).availabilityZone("nova")
        .status(status).volumeTypeId(defaultTypeId).displayName("v");
  }

  private static Service service(String host, String binary, String rpcVersion) {
    return Service.builder().host(host).binary(binary).topic(binary).rpcCurrentVersion(rpcVersion)
        .objectCurrentVersion("1.39").build();
  }

  private static List<String> ids(Future<List<Volume>> volumes) {
    return await(volumes).stream().map(Volume::id).toList();
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the future to fail");
  }
}
