package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real python-cinderclient ({@code /usr/bin/cinder}, Debian's 9.1.0) against the seed lab in noauth
 * mode, unchanged: it discovers the versions document, negotiates the microversion (3.70) and drives
 * volumes, types, backups, services, pools and migration; every assertion reads what it prints.
 */
class CinderCliIT {

  private static final Duration SETTLE = Duration.ofSeconds(60);
  // a 1 GB volume is read, chunked, compressed and hashed by the posix backup driver
  private static final Duration BACKUP = Duration.ofSeconds(180);

  static ClientLab clients;
  static Lab lab;
  static CinderCli cinder;

  @BeforeAll
  static void start() throws Exception {
    clients = ClientLab.start();
    lab = clients.lab;
    cinder = clients.cinder;
  }

  @AfterAll
  static void stop() throws Exception {
    if (clients != null) {
      clients.close();
    }
  }

  private static String name(String what) {
    return "cli-" + what + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  private static String whatever() {
    return lab.host + "@whatever_it_is#new_lvm_backend";
  }

  private static String lvmdriver1() {
    return lab.host + "@lvmdriver-1#lvmdriver-1";
  }

  /** cinder create, then cinder show until it leaves creating; the volume must be available. */
  private static Map<String, String> createAvailable(String... createArgs) {
    String[] args = new String[createArgs.length + 1];
    args[0] = "create";
    System.arraycopy(createArgs, 0, args, 1, createArgs.length);
    String id = cinder.show(args).get("id");
    Map<String, String> v = cinder.awaitVolume(id, SETTLE, s -> !s.get("status").equals("creating"));
    assertThat(v.get("status")).as("volume %s", id).isEqualTo("available");
    return v;
  }

  private static void removeVolume(String id) {
    cinder.removeVolume(id, SETTLE);
  }

  private static void deleteVolume(String id) {
    assertThat(cinder.ok("delete", id)).contains("Request to delete volume " + id + " has been accepted.");
    cinder.awaitGone(SETTLE, ClientResource.VOLUME, id);
  }

  @Test
  void createListShowExtendResetStateAndDeleteAVolume() {
    String name = name("vol");
    Map<String, String> created = cinder.show("create", "--name", name, "--description", "from the cli", "1");
    assertThat(created).containsEntry("name", name).containsEntry("size", "1").containsEntry("status", "creating")
        .containsEntry("description", "from the cli").containsEntry("volume_type", "__DEFAULT__")
        .containsEntry("os-vol-tenant-attr:tenant_id", cinder.project).containsEntry("user_id", cinder.user)
        .containsEntry("availability_zone", "nova").containsEntry("bootable", "false");
    String id = created.get("id");

    Map<String, String> shown = cinder.awaitVolume(id, SETTLE, v -> !v.get("status").equals("creating"));
    assertThat(shown.get("status")).isEqualTo("available");
    assertThat(shown.get("os-vol-host-attr:host")).isIn(lvmdriver1(), whatever());
    assertThat(cinder.show("show", name)).containsEntry("id", id);

    List<Map<String, String>> listed = cinder.list("list");
    assertThat(listed).filteredOn(r -> r.get("ID").equals(id)).singleElement().satisfies(r -> assertThat(r)
        .containsEntry("Status", "available").containsEntry("Name", name).containsEntry("Size", "1")
        .containsEntry("Volume Type", "__DEFAULT__").containsEntry("Bootable", "false"));
    assertThat(cinder.list("list", "--name", name)).extracting(r -> r.get("ID")).containsExactly(id);

    assertThat(cinder.ok("extend", name, "2")).isBlank();
    Map<String, String> extended = cinder.awaitVolume(id, SETTLE,
        v -> v.get("size").equals("2") && v.get("status").equals("available"));
    assertThat(extended.get("os-vol-host-attr:host")).isEqualTo(shown.get("os-vol-host-attr:host"));
    Cli.Result shrink = cinder.run("extend", id, "1");
    assertThat(shrink.exitCode()).isEqualTo(1);
    assertThat(shrink.stderr()).contains("New size for extend must be greater than current size. (current: 2, "
        + "extended: 1)").contains("(HTTP 400)");

    assertThat(cinder.ok("reset-state", "--state", "error", id)).isBlank();
    assertThat(cinder.show("show", id)).containsEntry("status", "error");
    cinder.ok("reset-state", "--state", "available", name);
    assertThat(cinder.show("show", id)).containsEntry("status", "available");

    deleteVolume(id);
    assertThat(cinder.list("list", "--name", name)).isEmpty();
    Cli.Result gone = cinder.run("show", id);
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.stderr()).contains("No volume with a name or ID of '" + id + "' exists.");
  }

  @Test
  void renameAndMetadataSetUnsetAndReplace() {
    String id = createAvailable("--name", name("meta"), "1").get("id");
    String renamed = name("renamed");
    assertThat(cinder.ok("rename", id, renamed, "--description", "renamed by the cli")).isBlank();
    assertThat(cinder.show("show", id)).containsEntry("name", renamed).containsEntry("description",
        "renamed by the cli");

    cinder.ok("metadata", renamed, "set", "tier=gold", "owner=cli", "keep=1");
    assertThat(cinder.show("metadata-show", id)).containsOnly(Map.entry("tier", "gold"), Map.entry("owner", "cli"),
        Map.entry("keep", "1"));
    assertThat(cinder.list("list", "--metadata", "tier=gold")).extracting(r -> r.get("ID")).containsExactly(id);
    // from 3.15 the client reads the listing's Etag and PUTs the remaining keys under If-Match
    cinder.ok("metadata", id, "unset", "tier");
    assertThat(cinder.show("metadata-show", id)).containsOnlyKeys("owner", "keep");
    // before 3.15 it DELETEs key by key
    cinder.at("3.0").ok("metadata", id, "unset", "owner");
    assertThat(cinder.show("metadata-show", id)).containsOnlyKeys("keep");
    cinder.ok("metadata-update-all", id, "only=this");
    assertThat(cinder.show("show", id)).containsEntry("metadata", "only : this");
    removeVolume(id);
  }

  @Test
  void typesWithABackendNameRouteVolumesToThatBackend() {
    String toWhatever = name("type");
    String toLvm = name("type");
    Map<String, String> created = cinder.list("type-create", "--description", "routes by backend", toWhatever).get(0);
    assertThat(created).containsEntry("Name", toWhatever).containsEntry("Description", "routes by backend")
        .containsEntry("Is_Public", "True");
    assertThat(cinder.ok("type-key", toWhatever, "set", "volume_backend_name=new_lvm_backend")).isBlank();
    cinder.ok("type-create", toLvm);
    cinder.ok("type-key", toLvm, "set", "volume_backend_name=lvmdriver-1", "emulator:note=cli");

    assertThat(cinder.list("type-list")).extracting(r -> r.get("Name"))
        .contains("__DEFAULT__", toWhatever, toLvm);
    Map<String, String> specs = cinder.list("extra-specs-list").stream()
        .collect(Collectors.toMap(r -> r.get("Name"), r -> r.get("extra_specs")));
    assertThat(specs.get(toWhatever)).isEqualTo("{'volume_backend_name': 'new_lvm_backend'}");
    assertThat(specs.get(toLvm)).contains("'volume_backend_name': 'lvmdriver-1'").contains("'emulator:note': 'cli'");
    assertThat(cinder.show("type-show", toWhatever)).containsEntry("extra_specs",
        "volume_backend_name : new_lvm_backend").containsEntry("description", "routes by backend");

    // the CapabilitiesFilter matches volume_backend_name: the type picks the backend, the host says which
    Map<String, String> onWhatever = createAvailable("--volume-type", toWhatever, "--name", name("typed"), "1");
    assertThat(onWhatever).containsEntry("os-vol-host-attr:host", whatever()).containsEntry("volume_type", toWhatever);
    Map<String, String> onLvm = createAvailable("--volume-type", toLvm, "--name", name("typed"), "1");
    assertThat(onLvm).containsEntry("os-vol-host-attr:host", lvmdriver1()).containsEntry("volume_type", toLvm);

    Cli.Result inUse = cinder.run("type-delete", toLvm);
    assertThat(inUse.exitCode()).isEqualTo(1);
    assertThat(inUse.stdout() + inUse.stderr()).contains("deletion is not allowed with volumes present with the type");

    removeVolume(onWhatever.get("id"));
    removeVolume(onLvm.get("id"));
    cinder.ok("type-delete", toWhatever, toLvm);
    assertThat(cinder.list("type-list")).extracting(r -> r.get("Name")).doesNotContain(toWhatever, toLvm);
  }

  @Test
  void backupCreateListShowRestoreAndDelete() {
    Map<String, String> volume = createAvailable("--name", name("src"), "1");
    String volumeId = volume.get("id");
    String backupName = name("backup");

    Map<String, String> created = cinder.show("backup-create", "--name", backupName, "--description", "nightly",
        volumeId);
    assertThat(created).containsEntry("name", backupName).containsEntry("volume_id", volumeId).containsKey("id");
    String backupId = created.get("id");
    assertThat(cinder.list("backup-list")).filteredOn(r -> r.get("ID").equals(backupId)).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("Volume ID", volumeId).containsEntry("Name", backupName)
            .containsEntry("Size", "1").containsEntry("User ID", cinder.user));

    Map<String, String> backup = cinder.awaitBackup(backupName, BACKUP, b -> !b.get("status").equals("creating"));
    assertThat(backup).containsEntry("status", "available").containsEntry("id", backupId)
        .containsEntry("volume_id", volumeId).containsEntry("size", "1").containsEntry("description", "nightly")
        .containsEntry("is_incremental", "False").containsEntry("has_dependent_backups", "False")
        .containsEntry("os-backup-project-attr:project_id", cinder.project).containsEntry("user_id", cinder.user)
        .containsEntry("fail_reason", "None");
    assertThat(Integer.parseInt(backup.get("object_count"))).isPositive();
    assertThat(backup.get("container")).isNotEqualTo("None");
    assertThat(cinder.show("show", volumeId)).containsEntry("status", "available");

    Map<String, String> restore = cinder.show("backup-restore", backupId);
    assertThat(restore).containsEntry("backup_id", backupId)
        .containsEntry("volume_name", "restore_backup_" + backupId);
    String restoredId = restore.get("volume_id");
    assertThat(restoredId).isNotEqualTo(volumeId);
    Map<String, String> restored = cinder.awaitVolume(restoredId, BACKUP,
        v -> !v.get("status").equals("creating") && !v.get("status").equals("restoring-backup"));
    assertThat(restored).containsEntry("status", "available").containsEntry("size", "1");
    assertThat(cinder.show("backup-show", backupId)).containsEntry("status", "available");

    // since 3.47 a volume can be created straight from the backup; its size defaults to the backup's
    String fromBackupId = cinder.at("3.47").show("create", "--backup-id", backupId, "--name", name("from-backup"))
        .get("id");
    Map<String, String> fromBackup = cinder.awaitVolume(fromBackupId, BACKUP,
        v -> !v.get("status").equals("creating") && !v.get("status").equals("restoring-backup"));
    assertThat(fromBackup).containsEntry("status", "available").containsEntry("size", "1");
    assertThat(cinder.show("backup-show", backupId)).containsEntry("status", "available");

    assertThat(cinder.ok("backup-delete", backupId))
        .contains("Request to delete backup " + backupId + " has been accepted.");
    cinder.awaitGone(SETTLE, ClientResource.BACKUP, backupId);
    assertThat(cinder.list("backup-list")).extracting(r -> r.get("ID")).doesNotContain(backupId);

    removeVolume(fromBackupId);
    removeVolume(restoredId);
    removeVolume(volumeId);
  }

  @Test
  void serviceListDisableAndEnable() {
    List<Map<String, String>> services = cinder.list("service-list");
    assertThat(services).extracting(r -> r.get("Binary") + " " + r.get("Host")).containsExactlyInAnyOrder(
        "cinder-scheduler " + lab.host, "cinder-backup " + lab.host,
        "cinder-volume " + lab.host + "@lvmdriver-1", "cinder-volume " + lab.host + "@whatever_it_is");
    assertThat(services).allSatisfy(r -> assertThat(r).containsEntry("Status", "enabled")
        .containsEntry("State", "up").containsEntry("Zone", "nova"));
    assertThat(services).filteredOn(r -> r.get("Binary").equals("cinder-volume"))
        .allSatisfy(r -> assertThat(r).containsEntry("Backend State", "up"));

    String backend = lab.host + "@lvmdriver-1";
    try {
      assertThat(cinder.list("service-disable", "--reason", "cli maintenance", backend, "cinder-volume"))
          .singleElement().satisfies(r -> assertThat(r).containsEntry("Host", backend)
              .containsEntry("Binary", "cinder-volume").containsEntry("Status", "disabled")
              .containsEntry("Disabled Reason", "cli maintenance"));
      assertThat(cinder.list("service-list", "--host", backend, "--binary", "cinder-volume")).singleElement()
          .satisfies(r -> assertThat(r).containsEntry("Status", "disabled").containsEntry("State", "up")
              .containsEntry("Disabled Reason", "cli maintenance"));
    } finally {
      assertThat(cinder.list("service-enable", backend, "cinder-volume")).singleElement()
          .satisfies(r -> assertThat(r).containsEntry("Host", backend).containsEntry("Status", "enabled"));
    }
    assertThat(cinder.list("service-list", "--host", backend, "--binary", "cinder-volume")).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("Status", "enabled").containsEntry("Disabled Reason", "-"));
  }

  @Test
  void getPoolsNamesEveryPoolAndDetailsItsCapabilities() {
    List<String> pools = List.of(lvmdriver1(), whatever());
    // the scheduler knows a pool once its backend has reported capabilities (at start-up)
    org.awaitility.Awaitility.await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
        .until(() -> CliTable.propertyTables(cinder.ok("get-pools")).size() == 2);
    assertThat(CliTable.propertyTables(cinder.ok("get-pools"))).extracting(p -> p.get("name"))
        .containsExactlyInAnyOrderElementsOf(pools);
    assertThat(CliTable.propertyTables(cinder.ok("get-pools"))).allSatisfy(p -> assertThat(p).containsOnlyKeys("name"));

    Map<String, Map<String, String>> detail = CliTable.propertyTables(cinder.ok("get-pools", "--detail")).stream()
        .collect(Collectors.toMap(p -> p.get("name"), p -> p));
    assertThat(detail).containsOnlyKeys(pools);
    assertThat(detail.get(whatever())).containsEntry("pool_name", "new_lvm_backend")
        .containsEntry("volume_backend_name", "new_lvm_backend").containsEntry("storage_protocol", "local")
        .containsEntry("total_capacity_gb", "1000").containsEntry("reserved_percentage", "0")
        .containsEntry("thin_provisioning_support", "False").containsEntry("thick_provisioning_support", "True")
        .containsKeys("free_capacity_gb", "allocated_capacity_gb", "provisioned_capacity_gb", "driver_version",
            "vendor_name", "timestamp", "max_over_subscription_ratio");
    assertThat(detail.get(lvmdriver1())).containsEntry("pool_name", "lvmdriver-1")
        .containsEntry("volume_backend_name", "lvmdriver-1");

    // 3.28 filters on capabilities
    assertThat(CliTable.propertyTables(cinder.ok("get-pools", "--filters", "volume_backend_name=new_lvm_backend")))
        .extracting(p -> p.get("name")).containsExactly(whatever());
  }

  @Test
  void migrateMovesAVolumeToAnotherBackendAndTheHostFieldFollows() {
    // the volume must start on lvmdriver-1: with the other backend disabled the scheduler has no choice
    String other = lab.host + "@whatever_it_is";
    Map<String, String> volume;
    cinder.ok("service-disable", other, "cinder-volume");
    try {
      volume = createAvailable("--name", name("mig"), "1");
    } finally {
      cinder.ok("service-enable", other, "cinder-volume");
    }
    String id = volume.get("id");
    assertThat(volume).containsEntry("os-vol-host-attr:host", lvmdriver1()).containsEntry("migration_status", "None");

    assertThat(cinder.ok("migrate", id, whatever()))
        .contains("Request to migrate volume " + id + " has been accepted.");
    Map<String, String> moved = cinder.awaitVolume(id, SETTLE,
        v -> List.of("success", "error").contains(v.get("migration_status")));
    assertThat(moved).containsEntry("migration_status", "success").containsEntry("status", "available")
        .containsEntry("os-vol-host-attr:host", whatever()).containsEntry("os-vol-mig-status-attr:migstat", "success");
    // the data now lives under the migration's new volume id; the user-facing id stays
    assertThat(moved.get("os-vol-mig-status-attr:name_id")).isNotEqualTo("None").isNotEqualTo(id);
    assertThat(cinder.list("list", "--name", volume.get("name"))).extracting(r -> r.get("ID")).containsExactly(id);

    // refused by the API (400); cinderclient reports that on stdout and still exits 0
    assertThat(cinder.ok("migrate", id, whatever())).contains("Migration for volume " + id + " failed: Invalid volume")
        .contains("destination host/cluster must be different than the current one").contains("(HTTP 400)");
    removeVolume(id);
  }

  @Test
  void migrateToABackendTheVolumeTypeExcludesEndsInMigrationError() {
    String type = name("pinned");
    cinder.ok("type-create", type);
    cinder.ok("type-key", type, "set", "volume_backend_name=new_lvm_backend");
    Map<String, String> volume = createAvailable("--volume-type", type, "--name", name("pinned"), "1");
    String id = volume.get("id");
    assertThat(volume).containsEntry("os-vol-host-attr:host", whatever());

    // accepted by the API; the scheduler's filters refuse the destination
    assertThat(cinder.ok("migrate", id, lvmdriver1())).contains("has been accepted");
    Map<String, String> after = cinder.awaitVolume(id, SETTLE, v -> !v.get("migration_status").equals("None")
        && !v.get("migration_status").equals("starting") && !v.get("migration_status").equals("migrating"));
    assertThat(after).containsEntry("migration_status", "error").containsEntry("status", "available")
        .containsEntry("os-vol-host-attr:host", whatever());

    removeVolume(id);
    cinder.ok("type-delete", type);
  }

  @Test
  void theMicroversionDecidesWhichVolumeFieldsAreShown() {
    String id = createAvailable("--name", name("mv"), "1").get("id");

    Map<String, String> latest = cinder.show("show", id);
    assertThat(latest).containsKeys("group_id", "provider_id", "shared_targets", "service_uuid", "cluster_name",
        "volume_type_id", "consumes_quota").containsEntry("consumes_quota", "True");
    Map<String, String> base = cinder.at("3.0").show("show", id);
    assertThat(base).containsKeys("id", "status", "os-vol-host-attr:host", "os-vol-tenant-attr:tenant_id",
        "migration_status", "volume_type").doesNotContainKeys("group_id", "provider_id", "shared_targets",
            "service_uuid", "cluster_name", "volume_type_id", "consumes_quota");
    assertThat(cinder.at("3.63").show("show", id)).containsKey("volume_type_id").doesNotContainKey("consumes_quota");

    assertThat(cinder.list("api-version")).singleElement().satisfies(r -> assertThat(r).containsEntry("ID", "v3.0")
        .containsEntry("Status", "CURRENT").containsEntry("Version", "3.70").containsEntry("Min_version", "3.0"));
    // the client reads the server's maximum from the versions document and steps down to it
    Cli.Result tooNew = cinder.at("3.71").run("show", id).ok();
    assertThat(tooNew.stderr()).contains("downgrading to 3.70 based on server support");
    removeVolume(id);
  }
}
