package org.cinderemu.deploy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cinderemu.backup.BackupServiceOptions;
import org.cinderemu.backup.driver.PosixBackupOptions;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.deploy.topology.ServiceUnit;

/**
 * One child process of the supervisor: its name (the service binary) and the command that runs it. Also the one
 * place where the children's JVM options are chosen: {@link #JVM_OPTIONS} for every child, a heap ceiling per
 * child, class data sharing when running from the jar, then {@code CINDER_EMU_JAVA_OPTS} last, so it overrides.
 */
public record ChildSpec(String name, List<String> command) {

  /** Extra JVM options for every service child, e.g. {@code -Xmx512m}. */
  public static final String JAVA_OPTS_ENV = "CINDER_EMU_JAVA_OPTS";

  /**
   * A child is a small server on a shared 2-core machine: C1 only and the serial collector start fastest and use
   * the fewest threads; the code cache and metaspace ceilings bound what is not heap, and a heap freed by a full
   * collection is given back to the system.
   */
  static final List<String> JVM_OPTIONS = List.of(
      "-XX:TieredStopAtLevel=1",
      "-XX:+UseSerialGC",
      "-Xss512k",
      "-XX:ReservedCodeCacheSize=48m",
      "-XX:MaxMetaspaceSize=160m",
      "-XX:MinHeapFreeRatio=10",
      "-XX:MaxHeapFreeRatio=30");

  /** Direct memory ceiling of the children that move volume data (cinder-volume, cinder-backup). */
  static final int DATA_DIRECT_MB = 64;

  /**
   * Heap ceiling per child (the broker's included); a child not named here gets {@link #DEFAULT_HEAP}. The
   * direct memory ceiling defaults to the heap's, except where volume data moves: ranges go out by sendfile and
   * are read in 4 MiB pieces, so Netty's pool needs little (64 MiB measured, docs/benchmarks.md "Backup data path").
   */
  static final Map<String, List<String>> PER_CHILD = Map.of(
      DbServerCommand.NAME, List.of("-Xmx96m"),
      ServiceBinary.API.binaryName(), List.of("-Xmx128m"),
      ServiceBinary.SCHEDULER.binaryName(), List.of("-Xmx96m"),
      ServiceBinary.VOLUME.binaryName(), List.of("-Xmx160m", "-XX:MaxDirectMemorySize=" + DATA_DIRECT_MB + "m"),
      ServiceBinary.BACKUP.binaryName(), List.of("-Xmx192m", "-XX:MaxDirectMemorySize=" + DATA_DIRECT_MB + "m"),
      // every service of a topology in one JVM: its size is the topology's, so no ceiling of ours
      ServiceUnit.IN_PROCESS_NAME, List.of());
  static final int BACKUP_BASE_HEAP_MB = 64;
  static final List<String> DEFAULT_HEAP = List.of("-Xmx128m");
  static final String INITIAL_HEAP = "-Xms16m";

  public ChildSpec {
    command = List.copyOf(command);
  }

  /** Records this spec (0600: the command names the stack's files), so the child can be started again alike. */
  public void save(Path file) throws IOException {
    PrivateFiles.write(file, new JsonObject().put("name", name).put("command", new JsonArray(command)).encode() + "\n");
  }

  /** The spec {@link #save} recorded. */
  public static ChildSpec load(Path file) throws IOException {
    try {
      JsonObject json = new JsonObject(Files.readString(file));
      return new ChildSpec(json.getString("name"), json.getJsonArray("command").stream().map(String.class::cast)
          .toList());
    } catch (RuntimeException e) {
      throw new IOException("not a recorded child spec: " + file + " (" + e.getMessage() + ")", e);
    }
  }

  /**
   * {@code java -cp <this classpath> org.cinderemu.deploy.CinderEmu service <binary> --config <conf>}, with the
   * heap ceiling the service's config calls for (cinder-backup's follows its chunks).
   */
  public static ChildSpec service(ServiceBinary binary, Path conf) {
    return javaMain(binary.binaryName(), CinderEmu.class.getName(),
        List.of("service", binary.binaryName(), "--config", conf.toString()), heapFor(binary, read(conf)));
  }

  private static CinderConf read(Path conf) {
    try {
      return CinderConf.load(conf);
    } catch (IOException e) {
      return CinderConf.parse("");  // the service itself reports the unreadable file
    }
  }

  /**
   * cinder-backup's ceiling is {@link #BACKUP_BASE_HEAP_MB} plus four chunks per {@code backup_max_operations}
   * (sized when an operation held its chunk several times; it now holds a 4 MiB piece, so this is generous);
   * unlimited operations get no ceiling of ours. Every other binary gets its fixed one.
   */
  static List<String> heapFor(ServiceBinary binary, CinderConf conf) {
    if (binary != ServiceBinary.BACKUP) {
      return PER_CHILD.getOrDefault(binary.binaryName(), DEFAULT_HEAP);
    }
    int operations = conf.get(BackupServiceOptions.BACKUP_MAX_OPERATIONS);
    if (operations == 0) {
      return List.of();
    }
    long chunkMb = (conf.get(PosixBackupOptions.BACKUP_FILE_SIZE) + (1 << 20) - 1) >> 20;
    long heapMb = BACKUP_BASE_HEAP_MB + 4L * chunkMb * operations;
    return List.of("-Xmx" + heapMb + "m", "-XX:MaxDirectMemorySize=" + DATA_DIRECT_MB + "m");
  }

  /** A child JVM on this JVM's classpath (the shaded jar in production, the test classpath in tests). */
  public static ChildSpec javaMain(String name, String mainClass, List<String> args) {
    return javaMain(name, mainClass, args, PER_CHILD.getOrDefault(name, DEFAULT_HEAP));
  }

  private static ChildSpec javaMain(String name, String mainClass, List<String> args, List<String> heap) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath = System.getProperty("java.class.path");
    cmd.addAll(jvmOptions(heap, classPath, name, System.getenv(JAVA_OPTS_ENV)));
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(args);
    return new ChildSpec(name, cmd);
  }

  /** Every JVM option of the child {@code name}, in order; the operator's {@code extra} last, so it wins. */
  static List<String> jvmOptions(String name, String classPath, String extra) {
    return jvmOptions(PER_CHILD.getOrDefault(name, DEFAULT_HEAP), classPath, name, extra);
  }

  private static List<String> jvmOptions(List<String> heap, String classPath, String name, String extra) {
    List<String> opts = new ArrayList<>(JVM_OPTIONS);
    opts.add(INITIAL_HEAP);
    opts.addAll(heap);
    ClassDataSharing.forClassPath(classPath).ifPresent(cds -> opts.addAll(cds.options(name)));
    if (extra != null && !extra.isBlank()) {
      opts.addAll(Arrays.asList(extra.strip().split("\\s+")));
    }
    return opts;
  }
}
