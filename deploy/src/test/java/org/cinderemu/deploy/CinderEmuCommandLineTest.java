package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Argument parsing, and the commands' outcomes that need no child process. */
class CinderEmuCommandLineTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = CinderEmu.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private static <T> T parsed(Class<T> type, String... args) {
    ParseResult result = CinderEmu.commandLine().parseArgs(args);
    return type.cast(result.subcommand().commandSpec().userObject());
  }

  @Test
  void upDefaultsToDotStateTheSeedLabAndTheForeground() {
    UpCommand up = parsed(UpCommand.class, "up");
    assertThat(up.stateDir).isEqualTo(Path.of(".state"));
    assertThat(up.config).isNull();
    assertThat(up.apiPort).isNull();
    assertThat(up.detach).isFalse();
    assertThat(up.timeoutSeconds).isEqualTo(120);
  }

  @Test
  void upTakesEveryOption() {
    UpCommand up = parsed(UpCommand.class, "up", "--config", "/etc/cinder/cinder.conf", "--state-dir", "/tmp/s2",
        "--detach", "--api-port", "18776", "--timeout", "30");
    assertThat(up.config).isEqualTo(Path.of("/etc/cinder/cinder.conf"));
    assertThat(up.stateDir).isEqualTo(Path.of("/tmp/s2"));
    assertThat(up.detach).isTrue();
    assertThat(up.apiPort).isEqualTo(18776);
    assertThat(up.timeoutSeconds).isEqualTo(30);
  }

  @Test
  void serviceTakesABinaryByItsCinderNameAndRequiresAConfig() {
    ServiceCommand service = parsed(ServiceCommand.class, "service", "cinder-scheduler", "--config", "c.conf");
    assertThat(service.binary).isEqualTo(ServiceBinary.SCHEDULER);
    assertThat(service.config).isEqualTo(Path.of("c.conf"));

    assertThat(run("service", "cinder-bogus", "--config", "c.conf")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown service binary 'cinder-bogus'");
    assertThat(run("service", "cinder-api")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
  }

  @Test
  void downAndStatusTakeTheStateDir() {
    assertThat(parsed(DownCommand.class, "down", "--state-dir", "x").stateDir.argument()).isEqualTo(Path.of("x"));
    assertThat(parsed(StatusCommand.class, "status").stack.stateDirArgument()).isEqualTo(Path.of(".state"));
    assertThat(run("bogus")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
  }

  @Test
  void statusOfAnEmptyStateDirListsEveryBinaryAsNotRunning() {
    assertThat(run("status", "--state-dir", dir.toString())).isEqualTo(StatusCommand.NOT_ALL_RUNNING);
    assertThat(out.toString().lines().filter(l -> !l.startsWith("! "))).hasSize(4)
        .allMatch(l -> l.contains("not running"));
    assertThat(out.toString()).contains("! no cinder.conf at " + dir.resolve("cinder.conf"));
  }

  @Test
  void downWithNothingRecordedSaysSo() {
    assertThat(run("down", "--state-dir", dir.toString())).isZero();
    assertThat(out.toString()).contains("no services recorded in " + dir);
  }

  @Test
  void serviceVolumeWithoutEnabledBackendsExitsNonZero() throws Exception {
    Path conf = Files.writeString(dir.resolve("c.conf"), "[DEFAULT]\nstate_path = " + dir + "\n");
    assertThat(run("service", "cinder-volume", "--config", conf.toString())).isEqualTo(1);
    assertThat(new StateDir(dir).readyFile("cinder-volume").exists()).isFalse();
  }

  @Test
  void upRefusesAnUnreachableBrokerBeforeStartingAnything() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path conf = Files.writeString(dir.resolve("c.conf"),
        "[DEFAULT]\nenabled_backends = lvm\ntransport_url = rabbit://guest:guest@127.0.0.1:" + port + "/\n");
    Path state = dir.resolve("state");

    assertThat(run("up", "--config", conf.toString(), "--state-dir", state.toString(), "--detach")).isEqualTo(1);
    assertThat(err.toString()).contains("RabbitMQ is not reachable at 127.0.0.1:" + port);
    assertThat(new StateDir(state).pidFile("cinder-api").exists()).isFalse();
    // the effective config was written with state_path pointing at the state dir
    assertThat(Files.readString(state.resolve("cinder.conf"))).contains("state_path = " + state.toAbsolutePath());
  }

  @Test
  void upRefusesAStateDirWhoseStackIsRunning() throws Exception {
    StateDir state = new StateDir(dir).create();
    Process scheduler = StandIn.ofStack(state);
    try {
      state.pidFile("cinder-scheduler").write(scheduler.pid());

      assertThat(run("up", "--state-dir", dir.toString(), "--detach")).isEqualTo(1);
      assertThat(err.toString()).contains("already running (cinder-scheduler pid " + scheduler.pid())
          .contains("cinder-emu down --state-dir " + state);
    } finally {
      scheduler.destroyForcibly();
    }
  }
}
