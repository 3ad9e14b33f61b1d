package org.cinderemu.deploy.it;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The installed python-cinderclient ({@code /usr/bin/cinder}) pointed at the emulator in noauth mode, as
 * the README tells users to run it: {@code --os-auth-type noauth --os-user-id U --os-project-id P
 * --os-endpoint http://127.0.0.1:PORT/v3}. The client negotiates the microversion itself (the highest both
 * sides know) unless a test asks for one with {@link #at(String)}.
 */
public final class CinderCli {

  public static final String BINARY = "/usr/bin/cinder";

  private final Cli cli;
  // each run starts a Python interpreter (~1.7 s on 2 cores): waits poll the API as this caller, then the CLI confirms
  private final CinderHttp http;
  private final String endpoint;
  public final String user;
  public final String project;
  private final String microversion;

  private CinderCli(Cli cli, CinderHttp http, String endpoint, String user, String project, String microversion) {
    this.cli = cli;
    this.http = http;
    this.endpoint = endpoint;
    this.user = user;
    this.project = project;
    this.microversion = microversion;
  }

  /** A client for a fresh hex project (Cinder's project_id_regex) of the API on {@code port}. */
  public static CinderCli forPort(int port, Cli cli) {
    if (!Files.isExecutable(Path.of(BINARY))) {
      throw new AssertionError(BINARY + " is missing: install python3-cinderclient (see .ci/run)");
    }
    String project = UUID.randomUUID().toString().replace("-", "");
    String user = "cli-" + project.substring(0, 6);
    return new CinderCli(cli, new CinderHttp(port, user, project), "http://127.0.0.1:" + port + "/v3", user, project,
        null);
  }

  /** The same client asking for {@code --os-volume-api-version version}. */
  public CinderCli at(String version) {
    return new CinderCli(cli, http, endpoint, user, project, version);
  }

  public Cli.Result run(String... args) {
    List<String> cmd = new ArrayList<>(List.of(BINARY, "--os-auth-type", "noauth", "--os-user-id", user,
        "--os-project-id", project, "--os-endpoint", endpoint));
    if (microversion != null) {
      cmd.addAll(List.of("--os-volume-api-version", microversion));
    }
    cmd.addAll(Arrays.asList(args));
    return cli.run(cmd);
  }

  /** stdout of a run that must succeed. */
  public String ok(String... args) {
    return run(args).ok().stdout();
  }

  /** A command printing one Property/Value table ({@code show}, {@code create}, ...), as a map. */
  public Map<String, String> show(String... args) {
    return CliTable.properties(ok(args));
  }

  /** A command printing one list table, as rows keyed by column header. */
  public List<Map<String, String>> list(String... args) {
    return CliTable.rows(ok(args));
  }

  /** Waits until {@code done} holds for {@code cinder show volume}; returns that table. */
  public Map<String, String> awaitVolume(String volume, Duration atMost, Predicate<Map<String, String>> done) {
    return awaitShow(atMost, done, ClientResource.VOLUME, volume);
  }

  /** Waits until {@code done} holds for {@code cinder backup-show backup}; returns that table. */
  public Map<String, String> awaitBackup(String backup, Duration atMost, Predicate<Map<String, String>> done) {
    return awaitShow(atMost, done, ClientResource.BACKUP, backup);
  }

  private Map<String, String> awaitShow(Duration atMost, Predicate<Map<String, String>> done,
      ClientResource resource, String nameOrId) {
    http.awaitFound(resource.collection, nameOrId, atMost, json -> done.test(CliTable.asPrinted(json)));
    AtomicReference<Map<String, String>> last = new AtomicReference<>();
    await().atMost(atMost).pollInterval(Duration.ofMillis(200)).alias(resource.cinderShow + " " + nameOrId)
        .until(() -> {
          last.set(show(resource.cinderShow, nameOrId));
          return done.test(last.get());
        });
    return last.get();
  }

  /** The API as this client's user and project. */
  CinderHttp api() {
    return http;
  }

  /**
   * Deletes a volume through the API and waits until it is gone: the clean-up of tests about something else
   * (the delete commands themselves are tested once each, through the CLIs).
   */
  public void removeVolume(String id, Duration atMost) {
    http.ok("DELETE", "/volumes/" + id, null);
    http.awaitGone("volumes", id, atMost);
  }

  /** Waits until {@code cinder <show command> id} fails with the client's "No ... with a name or ID" error. */
  public void awaitGone(Duration atMost, ClientResource resource, String id) {
    http.awaitGone(resource.collection, id, atMost);
    await().atMost(atMost).pollInterval(Duration.ofMillis(200)).alias(resource.cinderShow + " " + id + " gone")
        .until(() -> {
          Cli.Result r = run(resource.cinderShow, id);
          return r.exitCode() != 0 && r.stderr().contains("with a name or ID of '" + id + "' exists");
        });
  }
}
