package org.cinderemu.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One child process of the supervisor: its name (the service binary) and the command that runs it. */
public record ChildSpec(String name, List<String> command) {

  /** Extra JVM options for every service child, e.g. {@code -Xmx512m}. */
  public static final String JAVA_OPTS_ENV = "CINDER_EMU_JAVA_OPTS";

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
    String opts = System.getenv(JAVA_OPTS_ENV);
    if (opts != null && !opts.isBlank()) {
      cmd.addAll(Arrays.asList(opts.strip().split("\\s+")));
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    return new ChildSpec(name, cmd);
  }
}
