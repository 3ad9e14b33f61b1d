package org.cinderemu.deploy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.service.LocalHostname;
import org.cinderemu.common.service.ServiceOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus scrape configuration for a running stack's actual admin ports, written by {@code up} to
 * {@code <state>/prometheus.yml} once every child is ready: {@code prometheus --config.file=<state>/prometheus.yml}
 * scrapes every service with the {@code service} and {@code host} labels of deploy/prometheus/prometheus.yml.
 * It is written as JSON, which is YAML too, so no YAML library is needed.
 */
public record PrometheusTargets(List<Target> targets) {

  private static final Logger LOG = LoggerFactory.getLogger(PrometheusTargets.class);

  /** The file's name in the state directory. */
  public static final String FILE_NAME = "prometheus.yml";
  /** The job every target is in, as in the shipped example. */
  public static final String JOB = "cinder-emulator";

  /** One child's admin endpoint: {@code address} is its {@code host:port}. */
  public record Target(String child, String address, String service, String host) {
  }

  /**
   * The targets of {@code children} from their {@code run/<child>.admin} files (a child without one serves no
   * metrics and is left out). A child named {@code binary@host} runs on that emulated host; the others on
   * {@code controllerHost}.
   */
  public static PrometheusTargets read(StateDir state, List<String> children, String controllerHost)
      throws IOException {
    List<Target> targets = new ArrayList<>();
    for (String child : children) {
      Path file = state.adminFile(child);
      if (!Files.isReadable(file)) {
        continue;
      }
      URI url = URI.create(Files.readString(file).strip());
      int at = child.indexOf('@');
      targets.add(new Target(child, url.getAuthority(), at < 0 ? child : child.substring(0, at),
          at < 0 ? controllerHost : child.substring(at + 1)));
    }
    return new PrometheusTargets(List.copyOf(targets));
  }

  /** The configuration's text: one static target per child, scraped every 15 s. */
  public String config() {
    JsonArray statics = new JsonArray();
    targets.forEach(t -> statics.add(new JsonObject().put("targets", new JsonArray().add(t.address()))
        .put("labels", new JsonObject().put("service", t.service()).put("host", t.host()).put("child", t.child()))));
    // honor_labels: openstack_cinder_agent_state's own `service` label (the service it reports on) must win over
    // the target's (cinder-api, which exports it), else it would be renamed exported_service
    JsonObject job = new JsonObject().put("job_name", JOB).put("metrics_path", "/metrics").put("honor_labels", true)
        .put("static_configs", statics);
    return new JsonObject()
        .put("global", new JsonObject().put("scrape_interval", "15s").put("evaluation_interval", "15s"))
        .put("scrape_configs", new JsonArray().add(job))
        .encodePrettily() + "\n";
  }

  /**
   * After a child started again on a new admin port ({@code chaos restart}): the file {@code up} wrote, rewritten
   * from the admin files now there. Best effort: a stack runs without it.
   */
  public static void rewrite(StateDir state) {
    if (!Files.exists(state.root().resolve(FILE_NAME))) {
      return;
    }
    try {
      String controller = CinderConf.load(state.conf()).find(ServiceOptions.HOST).orElseGet(LocalHostname.MACHINE);
      read(state, RecordedStack.of(state).binaries(), controller).write(state);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot rewrite {}: {}", state.root().resolve(FILE_NAME), e.getMessage());
    }
  }

  /** Writes {@link #config()} to {@code <state>/prometheus.yml}, 0600 like every file of the state directory. */
  public Path write(StateDir state) throws IOException {
    Path file = state.root().resolve(FILE_NAME);
    PrivateFiles.write(file, config());
    return file;
  }
}
