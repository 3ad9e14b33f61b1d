package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine.ParseResult;

/** deploy/systemd's units start the service they are named after with a command line the launcher accepts. */
class SystemdUnitsTest {

  private static final String JAR = "/opt/cinder-emu/cinder-emu.jar";

  /** Maven runs the tests in the module directory. */
  private static Path unit(ServiceBinary binary) {
    return Path.of("systemd", "cinder-emu-" + binary.binaryName().substring("cinder-".length()) + ".service");
  }

  private static List<String> lines(ServiceBinary binary) throws IOException {
    return Files.readAllLines(unit(binary)).stream().map(String::strip).filter(l -> !l.startsWith("#")).toList();
  }

  @ParameterizedTest
  @EnumSource(ServiceBinary.class)
  void execStartRunsTheShadedJarsServiceCommandForItsBinary(ServiceBinary binary) throws IOException {
    String exec = lines(binary).stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    List<String> argv = Arrays.asList(exec.substring("ExecStart=".length()).split("\\s+"));
    assertThat(argv.subList(0, 3)).containsExactly("/usr/bin/java", "-jar", JAR);

    ParseResult parsed = CinderEmu.commandLine().parseArgs(argv.subList(3, argv.size()).toArray(String[]::new));

    ServiceCommand service = (ServiceCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(service.binary).isEqualTo(binary);
    assertThat(service.config).isEqualTo(Path.of("/etc/cinder/cinder.conf"));
  }

  @ParameterizedTest
  @EnumSource(ServiceBinary.class)
  void itRunsAsItsOwnUserRestartsOnFailureAndIsHardened(ServiceBinary binary) throws IOException {
    assertThat(lines(binary)).contains("User=cinder-emu", "Group=cinder-emu", "Restart=on-failure",
        "SuccessExitStatus=143", "StateDirectory=cinder-emu", "NoNewPrivileges=yes", "ProtectSystem=strict",
        "ProtectHome=yes", "PrivateTmp=yes", "CapabilityBoundingSet=", "WantedBy=multi-user.target");
  }

  @ParameterizedTest
  @EnumSource(ServiceBinary.class)
  void systemdAnalyzeVerifiesIt(ServiceBinary binary) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "no systemd-analyze here");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/java")), "verify wants ExecStart's /usr/bin/java");
    Process p = new ProcessBuilder("/usr/bin/systemd-analyze", "verify", unit(binary).toAbsolutePath().toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).as("warnings").isBlank();
  }
}
