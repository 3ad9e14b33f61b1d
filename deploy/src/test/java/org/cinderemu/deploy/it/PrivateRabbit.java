package org.cinderemu.deploy.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of one test class's own, on free loopback ports, with its data under a temp directory: a test
 * may stop and start it without disturbing the broker every other IT shares on 5672. It registers with the
 * machine's epmd under its own name and reads the rabbitmq user's Erlang cookie, so rabbitmqctl -n reaches it;
 * {@link #close()} stops that node alone. Needs Debian's rabbitmq-server (as root: run as the rabbitmq user).
 */
final class PrivateRabbit implements AutoCloseable {

  private static final String SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server";
  private static final String CTL = "/usr/lib/rabbitmq/bin/rabbitmqctl";
  private static final String RABBITMQ_HOME = "/var/lib/rabbitmq";

  final String node;
  final int port;
  private final Path dir;

  private PrivateRabbit(String node, int port, Path dir) {
    this.node = node;
    this.port = port;
    this.dir = dir;
  }

  static PrivateRabbit start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("cemu-rabbit-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(dir.resolve("plugins"), "[].\n");
    Files.setPosixFilePermissions(dir.resolve("plugins"), PosixFilePermissions.fromString("rw-rw-rw-"));
    PrivateRabbit r = new PrivateRabbit("cemu" + UUID.randomUUID().toString().substring(0, 6) + "@localhost",
        freePort(), dir);
    int distPort = freePort();
    List<String> env = List.of("HOME=" + RABBITMQ_HOME, "RABBITMQ_NODENAME=" + r.node,
        "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1", "RABBITMQ_NODE_PORT=" + r.port, "RABBITMQ_DIST_PORT=" + distPort,
        "RABBITMQ_MNESIA_BASE=" + dir.resolve("mnesia"), "RABBITMQ_LOG_BASE=" + dir.resolve("log"),
        "RABBITMQ_ENABLED_PLUGINS_FILE=" + dir.resolve("plugins"), "RABBITMQ_CONFIG_FILE=" + dir.resolve("none"));
    List<String> cmd = new ArrayList<>(asRabbitmq());
    cmd.add("env");
    cmd.addAll(env);
    cmd.add(SERVER);
    cmd.add("-detached");
    run(cmd);
    r.awaitListening();
    return r;
  }

  String transportUrl(String vhost) {
    return transportUrl("guest", "guest", vhost);
  }

  String transportUrl(String user, String password, String vhost) {
    return "rabbit://" + user + ":" + password + "@127.0.0.1:" + port + "/" + vhost;
  }

  /** A user of the node with every right on {@code vhost}. */
  void addUser(String user, String password, String vhost) throws IOException, InterruptedException {
    ctl("add_user", user, password);
    ctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*");
  }

  /** Open connections stay; the user's next login (a reconnect) needs the new one. */
  void changePassword(String user, String password) throws IOException, InterruptedException {
    ctl("change_password", user, password);
  }

  void addVhost(String vhost) throws IOException, InterruptedException {
    ctl("add_vhost", vhost);
    ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
  }

  /** {@code rabbitmqctl stop_app}: the broker goes away (its connections closed, its transient queues gone). */
  void stopApp() throws IOException, InterruptedException {
    ctl("stop_app");
  }

  /** {@code rabbitmqctl start_app}, back once it listens again. */
  void startApp() throws IOException, InterruptedException {
    ctl("start_app");
    awaitListening();
  }

  String ctl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(asRabbitmq());
    cmd.addAll(List.of("env", "HOME=" + RABBITMQ_HOME, CTL, "-n", node));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  private void awaitListening() {
    org.awaitility.Awaitility.await("node " + node + " listening on " + port).atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(200)).until(this::listening);
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static List<String> asRabbitmq() {
    return "root".equals(System.getProperty("user.name")) ? List.of("runuser", "-u", "rabbitmq", "--") : List.of();
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Stops this node (the Erlang VM it started, nothing else) and deletes its files. */
  @Override
  public void close() throws Exception {
    try {
      ctl("stop");
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
