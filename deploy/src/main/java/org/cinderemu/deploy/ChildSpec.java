package org.cinderemu.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One child process of the supervisor: its name (the service binary) and the command that runs it. Also the one
 * place where the children's JVM options are chosen: {@link #JVM_OPTIONS} for every child, a heap ceiling per
 * child, class data sharing when running from the jar, then {@code CINDER_EMU_JAVA_OPTS} last, so it overrides.
 */
public record ChildSpec(String name, List<String> command) {

  /** Extra JVM options for every service child, e.g. {@code -Xmx512m}. */
  public static final String JAVA_OPTS_ENV = "CINDER_EMU_JAVA_OPTS";

  /**
   * A child is a small, short-lived-looking server on a shared 2-core laptop: C1 only and the serial collector
   * start fastest and use the fewest threads; the code cache and metaspace ceilings bound what is not heap.
   * Netty's pooled allocator would reserve 16 MiB direct arenas per event loop: small chunks are enough.
   */
  static final List<String> JVM_OPTIONS = List.of(
      "-XX:TieredStopAtLevel=1",
      "-XX:+UseSerialGC",
      "-Xss512k",
      "-XX:ReservedCodeCacheSize=48m",
      "-XX:MaxMetaspaceSize=160m",
      "-XX:MaxDirectMemorySize=96m",
      "-XX:MinHeapFreeRatio=10",
      "-XX:MaxHeapFreeRatio=30",
      "-Dio.netty.allocator.maxOrder=7",
      "-Dio.netty.allocator.numDirectArenas=1",
      "-Dio.netty.allocator.numHeapArenas=1");

  /** Heap ceiling per child (the broker's included); a child not named here gets {@link #DEFAULT_HEAP}. */
  static final Map<String, String> HEAP = Map.of(
      DbServerCommand.NAME, "-Xmx96m",
      ServiceBinary.API.binaryName(), "-Xmx128m",
      ServiceBinary.SCHEDULER.binaryName(), "-Xmx96m",
      ServiceBinary.VOLUME.binaryName(), "-Xmx160m",
      // a 32 MiB backup chunk is held as the HTTP body, its copy and its compressed form
      ServiceBinary.BACKUP.binaryName(), "-Xmx192m");
  static final String DEFAULT_HEAP = "-Xmx128m";
  static final String INITIAL_HEAP = "-Xms16m";

  public ChildSpec {
    command = List.copyOf(command);
  }

  /** {@code java -cp <this classpath> org.cinderemu.deploy.CinderEmu service <binary> --config <conf>}. */
  public static ChildSpec service(ServiceBinary binary, Path conf) {
    return javaMain(binary.binaryName(), CinderEmu.class.getName(),
        List.of("service", binary.binaryName(), "--config", conf.toString()));
  }

  /** A child JVM on this JVM's classpath (the shaded jar in production, the test classpath in tests). */
  public static ChildSpec javaMain(String name, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath = System.getProperty("java.class.path");
    cmd.addAll(jvmOptions(name, classPath, System.getenv(JAVA_OPTS_ENV)));
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(args);
    return new ChildSpec(name, cmd);
  }

  /** Every JVM option of the child {@code name}, in order; the operator's {@code extra} last, so it wins. */
  static List<String> jvmOptions(String name, String classPath, String extra) {
    List<String> opts = new ArrayList<>(JVM_OPTIONS);
    opts.add(INITIAL_HEAP);
    opts.add(HEAP.getOrDefault(name, DEFAULT_HEAP));
    ClassDataSharing.forClassPath(classPath).ifPresent(cds -> opts.addAll(cds.options(name)));
    if (extra != null && !extra.isBlank()) {
      opts.addAll(Arrays.asList(extra.strip().split("\\s+")));
    }
    return opts;
  }
}
