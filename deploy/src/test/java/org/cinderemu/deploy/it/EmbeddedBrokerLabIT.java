package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.TransportUrl;
import org.cinderemu.deploy.ListeningSockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default lab (the seed cinder.conf, no --config) on the embedded broker, through the real launcher and the
 * real {@code cinder} CLI: a typed volume and its backup become available, every service talks to the embedded
 * broker's port, and no process of the stack holds a connection to RabbitMQ, which runs on 5672 here.
 */
class EmbeddedBrokerLabIT {

  private static final List<String> SERVICES = List.of("cinder-api", "cinder-scheduler", "cinder-volume",
      "cinder-backup");
  private static final List<String> CHILDREN = List.of("cinder-api", "cinder-scheduler", "cinder-volume",
      "cinder-backup", "cinder-db", "cinder-broker");
  private static final int RABBITMQ_PORT = TransportUrl.DEFAULT_PORT;
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final Duration BACKUP = Duration.ofSeconds(180);

  static Path state;
  static Path home;
  static LauncherIT.Run up;
  static CinderCli cinder;

  @BeforeAll
  static void upOnTheEmbeddedBroker() throws Exception {
    state = Files.createTempDirectory("cemu-embedded-");
    home = Files.createTempDirectory("cemu-embedded-home-");
    int apiPort = LauncherIT.freePort();
    up = LauncherIT.cinderEmu("up", "--broker", "embedded", "--detach", "--state-dir", state.toString(),
        "--api-port", String.valueOf(apiPort));
    assertThat(up.exit()).as(up.output()).isZero();
    cinder = CinderCli.forPort(apiPort, new Cli(home, Duration.ofSeconds(60)));
  }

  @AfterAll
  static void down() throws Exception {
    if (state != null) {
      LauncherIT.cinderEmu("down", "--state-dir", state.toString());
      deleteTree(state);
    }
    if (home != null) {
      deleteTree(home);
    }
  }

  @Test
  void aTypedVolumeAndItsBackupBecomeAvailableWithoutRabbitMQ() throws Exception {
    TransportUrl url = TransportUrl.parse(CinderConf.load(state.resolve("cinder.conf")).get(RpcConfig.TRANSPORT_URL));
    assertThat(url.host()).isEqualTo("127.0.0.1");
    assertThat(url.port()).isNotEqualTo(RABBITMQ_PORT);
    assertThat(ListeningSockets.on(url.port())).containsExactly("127.0.0.1");
    assertThat(up.output()).contains("broker: embedded Qpid Broker-J on 127.0.0.1:" + url.port())
        .contains("not reproduced here").contains("docs/embedded-broker.md")
        .doesNotContain(url.password());

    cinder.ok("type-create", "embedded");
    cinder.ok("type-key", "embedded", "set", "volume_backend_name=new_lvm_backend");
    String volume = cinder.show("create", "--volume-type", "embedded", "--name", "on-qpid", "1").get("id");
    Map<String, String> created = cinder.awaitVolume(volume, SETTLE, v -> !v.get("status").equals("creating"));
    assertThat(created).containsEntry("status", "available").containsEntry("volume_type", "embedded");
    assertThat(created.get("os-vol-host-attr:host")).endsWith("@whatever_it_is#new_lvm_backend");

    String backup = cinder.show("backup-create", "--name", "on-qpid-backup", volume).get("id");
    Map<String, String> backedUp = cinder.awaitBackup(backup, BACKUP, b -> !b.get("status").equals("creating"));
    assertThat(backedUp).containsEntry("status", "available").containsEntry("volume_id", volume);

    Map<String, Long> pids = childPids();
    for (Map.Entry<String, Long> child : pids.entrySet()) {
      Set<Integer> remotePorts = TcpConnections.remotePortsOf(child.getValue());
      assertThat(remotePorts).as("%s's TCP connections", child.getKey()).doesNotContain(RABBITMQ_PORT);
      if (SERVICES.contains(child.getKey())) {
        assertThat(remotePorts).as("%s's TCP connections", child.getKey()).contains(url.port());
      }
    }
    // what RabbitMQ itself sees: our connection names are <binary>:<pid>:<uuid> (RpcTransport)
    String connections = rabbitmqctl("-q", "list_connections", "client_properties");
    for (Map.Entry<String, Long> child : pids.entrySet()) {
      assertThat(connections).as(child.getKey()).doesNotContain(":" + child.getValue() + ":");
    }
  }

  private static Map<String, Long> childPids() throws IOException {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (String child : CHILDREN) {
      pids.put(child, Long.parseLong(Files.readString(state.resolve("run").resolve(child + ".pid")).strip()));
    }
    assertThat(pids.values()).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    return pids;
  }

  private static String rabbitmqctl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("rabbitmqctl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The TCP connections a process holds, from its socket descriptors and the kernel's tables. */
  static final class TcpConnections {

    private TcpConnections() {
    }

    /** The remote ports of every TCP socket {@code pid} has open (IPv4 and IPv6). */
    static Set<Integer> remotePortsOf(long pid) throws IOException {
      Set<String> inodes = new HashSet<>();
      try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
        for (Path fd : fds.toList()) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring("socket:[".length(), target.length() - 1));
            }
          } catch (IOException closedMeanwhile) {
            // the descriptor went away while we listed them
          }
        }
      }
      Set<Integer> ports = new HashSet<>();
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        List<String> lines = Files.readAllLines(Path.of(table));
        for (String line : lines.subList(1, lines.size())) {
          String[] fields = line.trim().split("\\s+");
          if (inodes.contains(fields[9])) {
            ports.add(Integer.parseInt(fields[2].substring(fields[2].indexOf(':') + 1), 16));
          }
        }
      }
      return ports;
    }
  }
}
