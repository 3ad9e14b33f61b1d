package org.cinderemu.deploy.status;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.db.ServiceRepository;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.TransportUrl;
import org.cinderemu.common.service.ServiceOptions;
import org.cinderemu.deploy.RecordedStack;
import org.cinderemu.deploy.StateDir;

/**
 * Gathers a {@link StackReport} from where each part lives: the state directory (processes, admin URLs), the
 * database (services, volumes, backups) and the broker (queues). A part that cannot be read becomes a problem
 * line, so {@code status} still shows what it can of a stack that is half down.
 */
public final class StackReader {

  private static final long DB_TIMEOUT_SECONDS = 10;

  private final StateDir state;
  private final Path configFile;

  public StackReader(StateDir state, Path configFile) {
    this.state = state;
    this.configFile = configFile != null ? configFile : state.conf();
  }

  public StackReport read() {
    List<String> problems = new ArrayList<>();
    List<StackReport.Process> processes = processes();
    Optional<CinderConf> conf = conf(problems);
    List<Service> rows = new ArrayList<>();
    Map<String, Long> volumes = new TreeMap<>();
    Map<String, Long> backups = new TreeMap<>();
    List<StackReport.ServiceState> services = new ArrayList<>();
    List<StackReport.QueueState> queues = List.of();
    if (conf.isPresent()) {
      Duration downTime = Duration.ofSeconds(conf.get().get(ServiceOptions.SERVICE_DOWN_TIME));
      LocalDateTime now = readDatabase(conf.get(), rows, volumes, backups, problems);
      for (Service s : rows) {
        Optional<StackReport.Process> p = ProcessOfService.of(s.binary(), s.host(), processes);
        services.add(new StackReport.ServiceState(s.binary(), s.host(), s.availabilityZone(),
            s.disabled() ? "disabled" : "enabled", now != null && ServiceRepository.isUp(s, now, downTime) ? "up" : "down",
            s.updatedAt() == null ? null : s.updatedAt().toString(),
            p.map(StackReport.Process::pid).orElse(OptionalLong.empty()), p.map(StackReport.Process::adminUrl).orElse(null)));
      }
      if (!rows.isEmpty()) {
        queues = StackQueues.read(TransportUrl.parse(conf.get().get(RpcConfig.TRANSPORT_URL)),
            StackQueues.namesFor(rows), problems);
      }
    }
    return new StackReport(processes, services, queues, volumes, backups, problems);
  }

  private List<StackReport.Process> processes() {
    return RecordedStack.of(state).status().stream()
        .map(c -> new StackReport.Process(c.binary(), c.pid(), c.running(), c.ready(),
            c.running() ? adminUrl(c.binary()) : null))
        .toList();
  }

  /** The URL a service process wrote when its admin endpoint listened. */
  private String adminUrl(String child) {
    Path file = state.adminFile(child);
    try {
      return Files.isReadable(file) ? Files.readString(file).strip() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private Optional<CinderConf> conf(List<String> problems) {
    if (!Files.isReadable(configFile)) {
      problems.add("no cinder.conf at " + configFile + " (no stack ever ran with this --state-dir?)");
      return Optional.empty();
    }
    try {
      return Optional.of(CinderConf.load(configFile));
    } catch (IOException | RuntimeException e) {
      problems.add("cannot read " + configFile + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Fills the rows and counts; returns the database's clock (heartbeats are compared with it), or null. */
  private LocalDateTime readDatabase(CinderConf conf, List<Service> rows, Map<String, Long> volumes,
      Map<String, Long> backups, List<String> problems) {
    Path statePath = conf.find(ServiceOptions.STATE_PATH).map(Path::of).orElse(state.root());
    DatabaseUrl url = DatabaseUrl.fromConf(conf, statePath);
    Vertx vertx = Vertx.vertx();
    try {
      Database db = Database.open(vertx, url).await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      try {
        rows.addAll(db.services().list().await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        volumes.putAll(countByStatus(db, "volumes").await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        backups.putAll(countByStatus(db, "backups").await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        return db.now();
      } finally {
        db.close().await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      problems.add("database " + DatabaseUrl.masked(url.jdbcUrl()) + " not readable: " + e.getMessage());
      return null;
    } finally {
      vertx.close();
    }
  }

  private static Future<Map<String, Long>> countByStatus(Database db, String table) {
    return db.pool().query("SELECT status, COUNT(*) AS n FROM " + table + " WHERE deleted = FALSE GROUP BY status")
        .execute()
        .map(result -> {
          Map<String, Long> counts = new TreeMap<>();
          for (Row r : result) {
            counts.put(r.getString("status"), r.getLong("n"));
          }
          return counts;
        });
  }
}
