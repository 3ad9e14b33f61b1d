package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.rpc.RpcConfig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The shipped experiment broker-restarted-under-load, short form, through the real runner in both delivery modes,
 * on a RabbitMQ node of this class's own ({@link PrivateRabbit}): the stack is {@code up --delivery-mode M} with
 * the node's transport_url, and the experiment's broker_stop / broker_start act on that node alone
 * ({@code args.local_rabbitmq}, {@code args.rabbitmq_node}: rabbitmqctl -n NODE stop_app / start_app). The shared
 * RabbitMQ on 5672 is never touched.
 */
// about 4 min for both modes on this 2-core machine: on demand (CONTRIBUTING), DeliveryModesIT proves the modes in the suite
@EnabledIfEnvironmentVariable(named = "CINDER_EMU_LONG_ITS", matches = "1")
class BrokerRestartExperimentIT {

  private static final Path FILE = Path.of("experiments", "broker-restarted-under-load.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  static PrivateRabbit rabbit;
  static Path work;

  @BeforeAll
  static void startBroker() throws Exception {
    rabbit = PrivateRabbit.start();
    work = Files.createTempDirectory("cemu-restartexp-");
  }

  @AfterAll
  static void stopBroker() throws Exception {
    try {
      if (rabbit != null) {
        rabbit.close();
      }
    } finally {
      if (work != null) {
        try (var files = Files.walk(work)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /**
   * Tolerant, as the file's oslo expectation is: whether oslo loses a cast here depends on which connection comes
   * back first after start_app (the API's, publishing into an exchange whose transient queues are not declared yet,
   * or the consumers'), and the runner's stack has one login for every service, so the test cannot hold the
   * consumers back as DeliveryModesIT does. What must hold either way: every volume not available is one whose
   * create cast the accounting counts lost (stuck creating, or error once init_host saw it).
   */
  @Test
  void osloModeLosesOnlyWhatTheAccountingShows() throws Exception {
    Run r = run("oslo");
    JsonNode j = r.journal();
    double lost = j.path("messages").path("totals").path("lost").asDouble();
    long notAvailable = r.byStatus().entrySet().stream().filter(s -> !s.getKey().equals("available"))
        .mapToLong(Map.Entry::getValue).sum();
    System.out.printf("oslo: lost %.0f casts, %d volumes not available; peak %s, final %s%n", lost, notAvailable,
        j.path("peak_states"), j.path("final_states"));
    assertThat(r.verdict().passed()).as(r.explain()).isTrue();
    assertThat((double) notAvailable).as("volumes not available vs casts lost\n%s", r.explain())
        .isLessThanOrEqualTo(lost);
    assertThat(r.byStatus()).as(r.explain()).containsKey("available");
  }

  @Test
  void reliableModeLosesNothing() throws Exception {
    Run r = run("reliable");
    JsonNode j = r.journal();
    System.out.printf("reliable: lost %s, final %s%n", j.path("messages").path("totals").path("lost"),
        j.path("final_states"));
    assertThat(r.verdict().passed()).as(r.explain()).isTrue();
    assertThat(j.path("messages").path("totals").path("lost").asDouble()).as(r.explain()).isZero();
    assertThat(r.byStatus()).as(r.explain()).containsOnlyKeys("available");
  }

  /** One run's journal, its report and the run project's volumes by status from the database. */
  record Run(Journal.Verdict verdict, JsonNode journal, String report, String progress, Map<String, Long> byStatus) {
    String explain() {
      return verdict.reasons() + "\n--- progress:\n" + progress + "\n--- report:\n" + report;
    }
  }

  private static Run run(String mode) throws Exception {
    String vhost = "restartexp-" + mode;
    rabbit.addVhost(vhost);
    Path dir = Files.createDirectories(work.resolve(mode));
    Path file = Files.writeString(dir.resolve("experiment.json"), onTheNode(Files.readString(FILE)));
    Experiment e = ExperimentFile.read(file).shortened();
    StateDir state = new StateDir(dir.resolve("s"));
    up(e, state, mode, vhost);
    try {
      StringWriter progress = new StringWriter();
      RunStack stack = RunStack.of(state);
      long started = System.nanoTime();
      Journal journal = new ExperimentRunner(stack, e, mode, true,
          new ProgressPrinter(new PrintWriter(progress), false)).run();
      System.out.printf("%s: the run took %.1f s (up before it: see the test's time)%n%s%n", mode,
          (System.nanoTime() - started) / 1e9, progress);
      Path reports = dir.resolve("report");
      Reports.write(journal, reports);
      String report = Files.readString(reports.resolve(Reports.MARKDOWN));
      assertThat(Files.readString(reports.resolve(Reports.HTML))).contains("<svg");
      JsonNode j = JSON.readTree(reports.resolve(Reports.JOURNAL).toFile());
      assertThat(j.path("verdict").path("passed").asBoolean()).isEqualTo(journal.verdict().passed());
      assertThat(report).contains(journal.verdict().passed() ? "**Verdict: PASSED**" : "**Verdict: FAILED**");
      Map<String, Long> byStatus = volumesByStatus(stack, j.path("project").asText());
      Map<String, Long> fromJournal = new TreeMap<>();
      j.path("requests").forEach(r -> {
        if (r.path("kind").asText().equals("volume") && r.hasNonNull("accepted_ms")) {
          fromJournal.merge(r.path("final_status").asText(), 1L, Long::sum);
        }
      });
      assertThat(fromJournal).as("volumes by final state, journal vs database").isEqualTo(byStatus);
      return new Run(journal.verdict(), j, report, progress.toString(), byStatus);
    } finally {
      LauncherIT.cinderEmu("down", "--state-dir", state.root().toString());
    }
  }

  /** The shipped file with its broker actions pointed at this class's node. */
  private static String onTheNode(String text) throws Exception {
    JsonNode root = JSON.readTree(text);
    for (JsonNode a : root.path("method")) {
      if (a.path("verb").asText().startsWith("broker_")) {
        ObjectNode args = ((ObjectNode) a).putObject("args");
        args.put("local_rabbitmq", true);
        args.put("rabbitmq_node", rabbit.node);
      }
    }
    return JSON.writeValueAsString(root);
  }

  private static void up(Experiment e, StateDir state, String mode, String vhost) throws Exception {
    CinderConf conf = ChaosRunCommand.stackConf(e).with(RpcConfig.TRANSPORT_URL, rabbit.transportUrl(vhost));
    Path confFile = Files.writeString(state.root().resolveSibling("experiment.conf"), conf.toIni());
    List<String> args = new ArrayList<>(List.of("up", "--detach", "--state-dir", state.root().toString(),
        "--config", confFile.toString(), "--api-port", String.valueOf(LauncherIT.freePort()), "--hosts", "2",
        "--broker", "external", "--delivery-mode", mode));
    Process p = new ProcessBuilder(LauncherIT.cinderEmuCommand(args.toArray(String[]::new)))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

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
}
