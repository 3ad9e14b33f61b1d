package org.cinderemu.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaos add|list|clear} through the command line, against fake admin endpoints of stand-in children. */
class ChaosRulesTest {

  @TempDir
  Path dir;

  private FakeStack stack;
  private FakeAdmin api;
  private FakeAdmin volume;
  private FakeAdmin scheduler;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void stack() throws Exception {
    stack = new FakeStack(dir);
    api = new FakeAdmin();
    volume = new FakeAdmin();
    scheduler = new FakeAdmin();
    stack.child("cinder-api", api.url());
    stack.child("cinder-volume@node1", volume.url());
    stack.child("cinder-scheduler", scheduler.url());
    stack.child("cinder-db");  // a server: no admin endpoint, never asked
  }

  @AfterEach
  void close() {
    stack.close();
    api.close();
    volume.close();
    scheduler.close();
  }

  private int chaos(String... args) {
    ChaosCli run = ChaosCli.run(dir, args);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  @Test
  void aRuleGoesToTheChildrenRunningItsServiceWithOnlyTheFieldsGiven() {
    assertThat(chaos("add", "--service", "cinder-volume", "--direction", "consume", "--pattern", "cinder-volume.*",
        "--method", "create_volume", "--probability", "0.1", "--count", "20", "--ttl", "300", "--action", "drop"))
        .as(err.toString()).isZero();

    assertThat(volume.rules).singleElement().satisfies(r -> assertThat(r.copy().put("id", "x")).isEqualTo(
        new JsonObject().put("service", "cinder-volume").put("direction", "consume").put("pattern", "cinder-volume.*")
            .put("method", "create_volume").put("probability", 0.1).put("count", 20).put("ttl_seconds", 300)
            .put("action", "drop").put("id", "x").put("hits", 0).put("active", true)));
    assertThat(api.rules).isEmpty();
    assertThat(scheduler.rules).isEmpty();
    assertThat(out.toString()).startsWith("cinder-volume@node1: rule " + volume.rules.get(0).getString("id") + " added");
    // HTTP/1.1, not the JDK client's h2c upgrade
    assertThat(volume.requests).singleElement().asString().endsWith("HTTP/1.1");
  }

  @Test
  void withoutAServiceEveryChildGetsItAndChildPicksOne() {
    assertThat(chaos("add", "--direction", "publish", "--action", "delay", "--delay-ms", "200", "--jitter-ms", "50"))
        .isZero();
    assertThat(api.rules).hasSize(1);
    assertThat(volume.rules).hasSize(1);
    assertThat(scheduler.rules).singleElement().satisfies(r -> assertThat(r.getInteger("delay_ms")).isEqualTo(200));

    assertThat(chaos("add", "--child", "cinder-api", "--json",
        "{\"action\": \"duplicate\", \"new_id\": true, \"direction\": \"publish\"}")).isZero();
    assertThat(api.rules).hasSize(2).last().satisfies(r -> assertThat(r.getBoolean("new_id")).isTrue());
    assertThat(scheduler.rules).hasSize(1);
  }

  @Test
  void oneChildRefusingUndoesTheOthersAndShowsTheEndpointsMessage() {
    volume.refuse = "unknown method pattern";  // the last child asked: the two before it took the rule

    assertThat(chaos("add", "--direction", "consume", "--action", "fail")).isEqualTo(1);

    assertThat(err.toString()).contains("cinder-volume@node1").contains("400").contains("unknown method pattern");
    assertThat(api.rules).isEmpty();
    assertThat(scheduler.rules).isEmpty();
    assertThat(api.requests).anyMatch(r -> r.startsWith("DELETE /chaos/rules/r"));
    assertThat(scheduler.requests).anyMatch(r -> r.startsWith("DELETE /chaos/rules/r"));
  }

  @Test
  void badFlagsAreRefusedBeforeAnyRequest() {
    assertThat(chaos("add", "--service", "cinder-volume")).isEqualTo(1);
    assertThat(err.toString()).contains("--action is required");
    assertThat(chaos("add", "--action", "drop")).isEqualTo(1);
    assertThat(err.toString()).contains("--direction is required");
    assertThat(chaos("add", "--direction", "consume", "--action", "drop", "--probability", "1.5")).isEqualTo(1);
    assertThat(err.toString()).contains("--probability is between 0 and 1");
    assertThat(chaos("add", "--action", "explode")).isEqualTo(2);
    assertThat(err.toString()).contains("drop, delay, duplicate, fail, reorder");
    assertThat(chaos("add", "--json", "{\"action\": \"drop\"}", "--count", "3")).isEqualTo(1);
    assertThat(err.toString()).contains("not both");
    assertThat(chaos("add", "--json", "[1]")).isEqualTo(1);
    assertThat(err.toString()).contains("--json takes one JSON object");
    assertThat(chaos("add", "--service", "cinder-backup", "--direction", "consume", "--action", "drop")).isEqualTo(1);
    assertThat(err.toString()).contains("no running child runs cinder-backup");
    assertThat(chaos("add", "--child", "cinder-nope", "--direction", "consume", "--action", "drop")).isEqualTo(1);
    assertThat(err.toString()).contains("no child 'cinder-nope'").contains("cinder-volume@node1");
    assertThat(api.requests).isEmpty();
    assertThat(volume.requests).isEmpty();
  }

  @Test
  void listShowsEveryChildsRulesWithTheirHitsAndClearRemovesThem() {
    chaos("add", "--service", "cinder-volume", "--direction", "consume", "--action", "drop", "--method",
        "create_volume", "--ttl", "60");
    volume.rules.get(0).put("hits", 7);

    assertThat(chaos("list")).isZero();
    String table = out.toString();
    assertThat(table.lines().findFirst().orElseThrow()).startsWith("CHILD").contains("HITS");
    assertThat(table).containsPattern("cinder-volume@node1 +r\\d+ +cinder-volume +- +consume +- +create_volume +drop"
        + " +- +- +7 +true +ttl 60 s");
    assertThat(table).contains("cinder-api: no rules").contains("cinder-scheduler: no rules");

    assertThat(chaos("list", "--json", "--child", "cinder-volume@node1")).isZero();
    JsonObject json = new JsonObject(out.toString());
    assertThat(json.fieldNames()).containsExactly("cinder-volume@node1");
    assertThat(json.getJsonArray("cinder-volume@node1").getJsonObject(0).getInteger("hits")).isEqualTo(7);

    assertThat(chaos("clear")).isZero();
    assertThat(volume.rules).isEmpty();
    assertThat(out.toString()).contains("cinder-api: 0 rule(s) removed\n")
        .contains("cinder-volume@node1: 1 rule(s) removed, 7 hit(s) in all");
  }

  @Test
  void clearByIdRemovesThatRuleWhereverItIs() {
    chaos("add", "--direction", "publish", "--action", "reorder");
    String id = scheduler.rules.get(0).getString("id");

    assertThat(chaos("clear", "--id", id)).isZero();
    assertThat(scheduler.rules).isEmpty();
    assertThat(api.rules).hasSize(1);
    assertThat(out.toString()).isEqualTo("cinder-scheduler: rule " + id + " removed\n");

    assertThat(chaos("clear", "--id", "nope")).isEqualTo(1);
    assertThat(err.toString()).contains("no rule nope");
  }

  @Test
  void anEndpointThatDoesNotAnswerIsNamed() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    stack.child("cinder-backup", "http://127.0.0.1:" + closed);

    assertThat(chaos("list", "--child", "cinder-backup")).isEqualTo(1);
    assertThat(err.toString()).contains("cinder-backup's admin endpoint http://127.0.0.1:" + closed
        + " is not reachable");
  }

  @Test
  void whichChildrenRunAService() {
    assertThat(ChaosRules.runs("cinder-volume@node2", "cinder-volume", "node2@lvm")).isTrue();
    assertThat(ChaosRules.runs("cinder-volume@node2", "cinder-volume", "node3@lvm")).isFalse();
    assertThat(ChaosRules.runs("cinder-volume", "cinder-volume", "any@lvm")).isTrue();
    assertThat(ChaosRules.runs("cinder-volume@node2", "cinder-volume", "node2")).isTrue();
    assertThat(ChaosRules.runs("cinder-volume@node2", "cinder-volume", "node2@*")).isTrue();
    assertThat(ChaosRules.runs("cinder-volume@node2", "cinder-volume", "node*")).isTrue();
    assertThat(ChaosRules.runs("cinder-volume@node2", "cinder-volume", "nodeX*")).isFalse();
    assertThat(ChaosRules.runs("cinder-volume@node2", "cinder-volume", "node20@lvm")).isFalse();
    assertThat(ChaosRules.runs("cinder-volume", "cinder-backup", null)).isFalse();
    assertThat(ChaosRules.runs("cinder-services", "cinder-backup", "h")).isTrue();
    assertThat(ChaosRules.runs("cinder-api", null, null)).isTrue();
  }
}
