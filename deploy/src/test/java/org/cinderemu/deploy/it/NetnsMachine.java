package org.cinderemu.deploy.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One "machine" as a Linux network namespace, joined to this one by a veth pair: {@code gateway} on this side,
 * {@code address} on its side, a /30 of 10.231.0.0/16 the test chooses. Its processes see only its own loopback
 * and address; whatever they reach of this side, they reach through the gateway. Deleting the namespace deletes
 * the pair.
 */
final class NetnsMachine implements AutoCloseable {

  final String name;
  final String gateway;
  final String address;
  private final String hostSide;

  private NetnsMachine(String name, String gateway, String address, String hostSide) {
    this.name = name;
    this.gateway = gateway;
    this.address = address;
    this.hostSide = hostSide;
  }

  /** Whether this process may make namespaces here (root, iproute2, a kernel that allows it). */
  static boolean available() {
    String probe = "cemu-probe-" + UUID.randomUUID().toString().substring(0, 6);
    try {
      ip("netns", "add", probe);
      ip("netns", "del", probe);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Namespace {@code index} (0..63) of a test run whose third octet is {@code subnet}. */
  static NetnsMachine create(int subnet, int index) {
    String id = UUID.randomUUID().toString().substring(0, 6);
    String name = "cemu-" + id;
    String gateway = "10.231." + subnet + "." + (index * 4 + 1);
    String address = "10.231." + subnet + "." + (index * 4 + 2);
    String hostSide = "ce" + id + "h";
    ip("netns", "add", name);
    NetnsMachine m = new NetnsMachine(name, gateway, address, hostSide);
    try {
      ip("link", "add", hostSide, "type", "veth", "peer", "name", "eth0", "netns", name);
      ip("addr", "add", gateway + "/30", "dev", hostSide);
      ip("link", "set", hostSide, "up");
      ip("-n", name, "addr", "add", address + "/30", "dev", "eth0");
      ip("-n", name, "link", "set", "eth0", "up");
      ip("-n", name, "link", "set", "lo", "up");
      return m;
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** A third octet no address of this machine uses yet. */
  static int freeSubnet() {
    String addrs = run(List.of("ip", "-4", "-o", "addr"));
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate = 1 + (int) (Math.random() * 250);
      if (!addrs.contains("10.231." + candidate + ".")) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free 10.231.x.0/24 here");
  }

  /** The command prefix that runs a program inside this machine. */
  List<String> launcher() {
    return List.of("ip", "netns", "exec", name);
  }

  @Override
  public void close() {
    try {
      ip("link", "del", hostSide);  // both ends at once; the namespace's own teardown would drop it later
    } catch (RuntimeException notCreated) {
      // the pair never came to be
    }
    ip("netns", "del", name);
  }

  private static void ip(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    run(cmd);
  }

  private static String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.strip());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
