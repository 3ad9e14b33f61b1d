package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.deploy.ChildSpec;
import org.cinderemu.deploy.ProgressPrinter;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.chaos.run.ChaosRunCommand;
import org.cinderemu.deploy.chaos.run.Experiment;
import org.cinderemu.deploy.chaos.run.ExperimentFile;
import org.cinderemu.deploy.chaos.run.ExperimentRunner;
import org.cinderemu.deploy.chaos.run.Journal;
import org.cinderemu.deploy.chaos.run.Reports;
import org.cinderemu.deploy.chaos.run.RunStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each shipped experiment's short form (deploy/experiments) against one stack of two hosts on the embedded broker,
 * as `cinder-emu chaos run --short` runs it: it passes its own hypothesis and expectation in oslo mode, its report
 * files exist, and the journal's final states agree with the database. Each run has a project of its own, and the
 * experiments that kill a process restart it in their rollbacks, so the runs share the stack.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosExperimentsIT {

  private static final Path EXPERIMENTS = Path.of("experiments");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path state;
  static Path reports;

  @BeforeAll
  static void up() throws Exception {
    state = Files.createTempDirectory("cemu-chaos-");
    reports = Files.createTempDirectory("cemu-chaos-reports-");
    startStack(state, "volume-killed-during-creates");
  }

  /** {@code up --detach} in {@code dir/s} with the stack section of an experiment file, as `chaos run` does. */
  private static void startStack(Path dir, String experiment) throws Exception {
    Experiment shape = ExperimentFile.read(EXPERIMENTS.resolve(experiment + ".json"));
    Path conf = Files.writeString(dir.resolve("experiment.conf"), ChaosRunCommand.stackConf(shape).toIni());
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("up", "--detach", "--state-dir",
        dir.resolve("s").toString(), "--config", conf.toString(), "--api-port",
        String.valueOf(LauncherIT.freePort())));
    args.addAll(shape.stack().upArgs());
    // the children log at INFO (tests log WARN): queue_delete finds a fanout queue's name in its child's log
    ProcessBuilder pb = new ProcessBuilder(LauncherIT.cinderEmuCommand(args.toArray(String[]::new)))
        .redirectErrorStream(true);
    pb.environment().put(ChildSpec.JAVA_OPTS_ENV, "-Dcemu.test.log.level=INFO");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  @AfterAll
  static void down() throws Exception {
    if (state != null) {
      LauncherIT.cinderEmu("down", "--state-dir", state.resolve("s").toString());
      deleteTree(state);
    }
    if (reports != null) {
      deleteTree(reports);
    }
  }

  @Test
  @Order(1)
  void volumeKilledDuringCreates() throws Exception {
    runAndCheck("volume-killed-during-creates");
  }

  @Test
  @Order(2)
  void schedulerFrozen() throws Exception {
    runAndCheck("scheduler-frozen");
  }

  @Test
  @Order(3)
  void backupHostKilled() throws Exception {
    runAndCheck("backup-host-killed");
  }

  @Test
  @Order(4)
  void hostLostAndMovedWithUpdateHost() throws Exception {
    runAndCheck("host-lost-update-host");
  }

  @Test
  @Order(5)
  void fanoutQueueDeleted() throws Exception {
    runAndCheck("fanout-queue-deleted");
  }

  @Test
  @Order(6)
  void createCastsDropped() throws Exception {
    runAndCheck("create-casts-dropped");
  }

  @Test
  @Order(7)
  void repliesDropped() throws Exception {
    runAndCheck("replies-dropped");
  }

  /**
   * Needs a stack of its own: with {@code [DEFAULT] cluster = ha} node2 would take the work the other experiments
   * leave on node1. The shared stack is stopped first (this runs last) so that two stacks never compete for the cores.
   */
  @Test
  @Order(10)
  void clusterMemberKilled() throws Exception {
    LauncherIT.cinderEmu("down", "--state-dir", state.resolve("s").toString());
    Path cluster = Files.createTempDirectory("cemu-chaos-cluster-");
    try {
      startStack(cluster, "cluster-member-killed");
      JsonNode j = runAndCheck("cluster-member-killed", cluster);
      // node1's creates ended in error through node2's cleanup, before node1's restart could sweep them
      long restart = StreamSupport.stream(j.path("faults").spliterator(), false)
          .filter(f -> f.path("verb").asText().equals("restart")).mapToLong(f -> f.path("start_ms").asLong())
          .findFirst().orElseThrow();
      var load = StreamSupport.stream(j.path("requests").spliterator(), false)
          .filter(r -> r.path("phase").asText().equals("load") && r.path("kind").asText().equals("volume")).toList();
      assertThat(load).filteredOn(r -> r.path("final_status").asText().equals("error")).isNotEmpty()
          .allSatisfy(r -> assertThat(r.path("terminal_ms").asLong()).as("%s", r).isLessThan(restart))
          .allSatisfy(r -> assertThat(r.path("host").asText()).as("%s", r).startsWith("node1@b1"));
      // every create the survivor took, before the kill or after it (the cluster queue's backlog), succeeded
      assertThat(load).filteredOn(r -> r.path("host").asText().startsWith("node2@b1")).isNotEmpty()
          .allSatisfy(r -> assertThat(r.path("final_status").asText()).as("%s", r).isEqualTo("available"));
    } finally {
      LauncherIT.cinderEmu("down", "--state-dir", cluster.resolve("s").toString());
      deleteTree(cluster);
    }
  }

  @Test
  @Order(9)
  @Disabled("the embedded broker keeps no state across a restart (docs/embedded-broker.md) and the shared "
      + "RabbitMQ must not be restarted: BrokerRestartExperimentIT runs it in both modes on a private RabbitMQ node")
  void brokerRestartedUnderLoad() throws Exception {
    runAndCheck("broker-restarted-under-load");
  }

  private static void runAndCheck(String name) throws Exception {
    runAndCheck(name, state);
  }

  /** Runs the short form on the stack of {@code dir/s}, checks it and returns its journal. */
  private static JsonNode runAndCheck(String name, Path dir) throws Exception {
    Experiment e = ExperimentFile.read(EXPERIMENTS.resolve(name + ".json")).shortened();
    StringWriter progress = new StringWriter();
    RunStack stack = RunStack.of(new StateDir(dir.resolve("s")));
    Journal journal = new ExperimentRunner(stack, e, "oslo", true, new ProgressPrinter(new PrintWriter(progress),
        false)).run();
    Path out = reports.resolve(name);
    Reports.write(journal, out);
    String report = Files.readString(out.resolve(Reports.MARKDOWN));
    assertThat(journal.verdict().passed()).as("%s\n--- progress:\n%s\n--- report:\n%s", journal.verdict().reasons(),
        progress, report).isTrue();
    assertThat(report).contains("**Verdict: PASSED**");
    assertThat(Files.readString(out.resolve(Reports.HTML))).contains("<svg").contains("class=\"state\"");
    JsonNode j = JSON.readTree(out.resolve(Reports.JOURNAL).toFile());
    assertThat(j.path("verdict").path("passed").asBoolean()).isTrue();
    String project = j.path("project").asText();
    Map<String, Long> fromJournal = new TreeMap<>();
    j.path("requests").forEach(r -> {
      if (r.path("kind").asText().equals("volume") && r.hasNonNull("accepted_ms")) {
        fromJournal.merge(r.path("final_status").asText(), 1L, Long::sum);
      }
    });
    assertThat(fromJournal).as("volumes by final state, journal vs database")
        .isEqualTo(volumesByStatus(stack, project));
    return j;
  }

  /** The run project's volumes by status, deleted ones as {@code deleted}, straight from the database. */
  private static Map<String, Long> volumesByStatus(RunStack stack, String project) throws Exception {
    DatabaseUrl url = DatabaseUrl.fromConf(CinderConf.load(stack.state().conf()), stack.state().root());
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        PreparedStatement s = c.prepareStatement("SELECT status, deleted FROM volumes WHERE project_id = ?")) {
      s.setString(1, project);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.merge(rs.getBoolean(2) ? "deleted" : rs.getString(1), 1L, Long::sum);
        }
      }
    }
    return out;
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
