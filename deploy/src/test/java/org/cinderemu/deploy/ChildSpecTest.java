package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.cinderemu.backup.BackupServiceOptions;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The children's JVM options: chosen in one place, per child heap, sharing from the jar, the operator's last. */
class ChildSpecTest {

  @TempDir
  Path dir;

  @Test
  void everyChildGetsTheCommonOptionsAndItsOwnHeapCeiling() {
    List<String> volume = ChildSpec.jvmOptions("cinder-volume", "/no/such/classes", null);
    assertThat(volume).containsAll(ChildSpec.JVM_OPTIONS).contains("-Xmx160m", ChildSpec.INITIAL_HEAP);
    assertThat(ChildSpec.jvmOptions("cinder-backup", "/no/such/classes", null)).contains("-Xmx192m");
    assertThat(ChildSpec.jvmOptions("embedded-broker", "/no/such/classes", null)).containsAll(ChildSpec.DEFAULT_HEAP);
  }

  @Test
  void cinderBackupsCeilingFollowsItsConcurrencyAndChunkSize() {
    CinderConf conf = CinderConf.parse("[DEFAULT]\nbackup_max_operations = 2\nbackup_file_size = 33554432\n");
    assertThat(ChildSpec.heapFor(ServiceBinary.BACKUP, conf)).contains("-Xmx320m");
    assertThat(ChildSpec.heapFor(ServiceBinary.BACKUP, conf.with(BackupServiceOptions.BACKUP_MAX_OPERATIONS, "0")))
        .isEmpty();
    assertThat(ChildSpec.heapFor(ServiceBinary.SCHEDULER, conf)).containsExactly("-Xmx96m");
  }

  @Test
  void theOperatorsOptionsComeLastSoTheyWin() {
    List<String> opts = ChildSpec.jvmOptions("cinder-api", "/no/such/classes", " -Xmx1g  -XX:+UseG1GC ");
    assertThat(opts.subList(opts.size() - 2, opts.size())).containsExactly("-Xmx1g", "-XX:+UseG1GC");
    assertThat(opts.indexOf("-Xmx128m")).isLessThan(opts.indexOf("-Xmx1g"));
  }

  @Test
  void noClassDataSharingOffTheJar() {
    // the test classpath: directories, which CDS cannot archive
    assertThat(ChildSpec.jvmOptions("cinder-api", System.getProperty("java.class.path"), null))
        .noneMatch(o -> o.contains("Shared") || o.contains("ArchiveClasses"));
  }

  @Test
  void theFirstChildAfterABuildWritesTheArchiveAndOnlyOneDoes() throws IOException {
    Path jar = Files.writeString(dir.resolve("cinder-emu.jar"), "jar");
    ClassDataSharing cds = ClassDataSharing.forClassPath(jar.toString()).orElseThrow();
    Path archive = cds.archive("cinder-api");
    assertThat(cds.options("cinder-api")).contains("-XX:ArchiveClassesAtExit=" + archive);
    // a second stack started before the first one's child exited must not write the same file
    assertThat(cds.options("cinder-api")).isEmpty();
    assertThat(cds.options("cinder-db")).contains("-XX:ArchiveClassesAtExit=" + cds.archive("cinder-db"));
  }

  @Test
  void anArchiveNewerThanTheJarIsMappedAndARebuildMakesItStale() throws IOException {
    Path jar = Files.writeString(dir.resolve("cinder-emu.jar"), "jar");
    ClassDataSharing cds = ClassDataSharing.forClassPath(jar.toString()).orElseThrow();
    Path archive = cds.archive("cinder-api");
    cds.options("cinder-api");  // claims it
    Files.writeString(archive, "archive");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    assertThat(cds.options("cinder-api")).contains("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");

    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));  // rebuilt since
    assertThat(cds.options("cinder-api")).contains("-XX:ArchiveClassesAtExit=" + archive);
    assertThat(archive).doesNotExist();
  }

  @Test
  void onlyASingleJarClassPathShares() throws IOException {
    Path jar = Files.writeString(dir.resolve("cinder-emu.jar"), "jar");
    assertThat(ClassDataSharing.forClassPath(jar + java.io.File.pathSeparator + dir)).isEmpty();
    assertThat(ClassDataSharing.forClassPath(dir.toString())).isEmpty();
    assertThat(ClassDataSharing.forClassPath(dir.resolve("missing.jar").toString())).isEmpty();
  }
}
