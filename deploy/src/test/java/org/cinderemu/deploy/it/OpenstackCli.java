package org.cinderemu.deploy.it;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The installed python-openstackclient ({@code /usr/bin/openstack}) in noauth mode through cinderclient's
 * {@code noauth} keystoneauth plugin (same user, project and endpoint options as {@link CinderCli}); output
 * read as {@code -f json}. OSC asks for volume API 3.0 unless told otherwise.
 */
public final class OpenstackCli {

  public static final String BINARY = "/usr/bin/openstack";

  private final Cli cli;
  // each run starts a Python interpreter: waits poll the API as this caller, then the CLI confirms
  private final CinderHttp http;
  private final String endpoint;
  public final String user;
  public final String project;

  /** Acts as {@code cinder}'s user and project, so both clients see the same resources. */
  public OpenstackCli(CinderCli cinder, int port, Cli cli) {
    if (!Files.isExecutable(Path.of(BINARY))) {
      throw new AssertionError(BINARY + " is missing: install python3-openstackclient (see .ci/run)");
    }
    this.cli = cli;
    this.http = cinder.api();
    this.endpoint = "http://127.0.0.1:" + port + "/v3";
    this.user = cinder.user;
    this.project = cinder.project;
  }

  public Cli.Result run(String... args) {
    List<String> cmd = new ArrayList<>(List.of(BINARY, "--os-auth-type", "noauth", "--os-user-id", user,
        "--os-project-id", project, "--os-endpoint", endpoint));
    cmd.addAll(Arrays.asList(args));
    return cli.run(cmd);
  }

  /** stdout of a run that must succeed. */
  public String ok(String... args) {
    return run(args).ok().stdout();
  }

  /** A show-style command with {@code -f json}. */
  public JsonObject show(String... args) {
    return new JsonObject(ok(withJson(args)));
  }

  /** A list-style command with {@code -f json}. */
  public JsonArray list(String... args) {
    return new JsonArray(ok(withJson(args)));
  }

  /**
   * Waits until {@code done} holds for {@code openstack <show command> nameOrId -f json} (the API polled first;
   * {@code done} reads fields both print alike); returns that answer.
   */
  public JsonObject awaitShow(Duration atMost, Predicate<JsonObject> done, ClientResource resource, String nameOrId) {
    http.awaitFound(resource.collection, nameOrId, atMost, done);
    String[] show = withName(resource, nameOrId);
    AtomicReference<JsonObject> last = new AtomicReference<>();
    await().atMost(atMost).pollInterval(Duration.ofMillis(200)).alias(String.join(" ", show))
        .until(() -> {
          last.set(show(show));
          return done.test(last.get());
        });
    return last.get();
  }

  /** Waits until {@code openstack <show command> nameOrId} says there is none. */
  public void awaitGone(Duration atMost, ClientResource resource, String nameOrId) {
    http.awaitGone(resource.collection, nameOrId, atMost);
    String[] show = withName(resource, nameOrId);
    await().atMost(atMost).pollInterval(Duration.ofMillis(200)).alias(String.join(" ", show) + " gone")
        .until(() -> {
          Cli.Result r = run(show);
          return r.exitCode() == 1 && r.stderr().contains("with a name or ID of '" + nameOrId + "' exists");
        });
  }

  private static String[] withName(ClientResource resource, String nameOrId) {
    String[] show = Arrays.copyOf(resource.openstackShow, resource.openstackShow.length + 1);
    show[show.length - 1] = nameOrId;
    return show;
  }

  private static String[] withJson(String... args) {
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "-f";
    all[args.length + 1] = "json";
    return all;
  }
}
