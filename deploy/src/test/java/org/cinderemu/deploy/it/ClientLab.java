package org.cinderemu.deploy.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

/**
 * The seed lab with the real clients pointed at it: a private HOME for them, a cinder client of a fresh
 * project whose quotas are lifted with {@code cinder quota-update} (OSC's {@code quota set} needs keystone).
 */
final class ClientLab implements AutoCloseable {

  final Lab lab;
  final Cli cli;
  final CinderCli cinder;
  private final Path home;

  private ClientLab(Lab lab, Path home) {
    this.lab = lab;
    this.home = home;
    this.cli = new Cli(home, Duration.ofSeconds(60));
    this.cinder = CinderCli.forPort(lab.apiVerticle().actualPort(), cli);
  }

  static ClientLab start() throws Exception {
    ClientLab clients = new ClientLab(new Lab().startAll(), Files.createTempDirectory("cemu-cli-home-"));
    clients.cinder.ok("quota-update", "--volumes", "-1", "--gigabytes", "-1", "--backups", "-1",
        "--backup-gigabytes", "-1", clients.cinder.project);
    return clients;
  }

  /** python-openstackclient acting as {@link #cinder}'s user and project. */
  OpenstackCli openstack() {
    return new OpenstackCli(cinder, lab.apiVerticle().actualPort(), cli);
  }

  @Override
  public void close() throws Exception {
    try {
      lab.close();
    } finally {
      try (var files = Files.walk(home)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
