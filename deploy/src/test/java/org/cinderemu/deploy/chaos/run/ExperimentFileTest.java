package org.cinderemu.deploy.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExperimentFileTest {

  private static final String YAML = String.join("\n",
      "title: kill",
      "load: {volumes: 10, concurrency: 2, bound_seconds: 30}",
      "steady-state-hypothesis:",
      "  title: up",
      "  probes:",
      "    - {name: api, type: http, path: /volumes, tolerance: {status: 200}}",
      "    - {name: stuck, type: db, table: volumes, status: [creating], tolerance: {max: 0}}",
      "    - {name: timeouts, type: metrics, child: cinder-api, series: cinder_emulator_rpc_call_timeouts_total,",
      "       tolerance: {max: 0}}",
      "method:",
      "  - {type: action, name: freeze, verb: freeze, target: cinder-scheduler, args: {seconds: 30},",
      "     pauses: {before: 2, after: 4}, wait_for: {state: creating, kind: volume, at_least: 3}}",
      "  - {type: pause, seconds: 10}",
      "rollbacks:",
      "  - {type: action, verb: thaw, target: cinder-scheduler}",
      "expect:",
      "  oslo: {final: {error: {min: 1}}, peak: {creating: {min: 1}}, tolerated_invariants: [quota_exact]}",
      "short: {volumes: 3, pause_scale: 0.1}",
      "");

  @Test
  void yamlInChaosToolkitsShape() {
    Experiment e = ExperimentFile.parse(YAML, true, "test.yaml");
    assertThat(e.title()).isEqualTo("kill");
    assertThat(e.steadyStateHypothesis().probes()).extracting(Probe::type).containsExactly("http", "db", "metrics");
    assertThat(e.method().get(0).waitFor().atLeast()).isEqualTo(3);
    assertThat(e.expectationFor("oslo").orElseThrow().finalStates().get("error").contains(1)).isTrue();
    assertThat(e.expectationFor("oslo").orElseThrow().toleratedInvariants()).containsExactly("quota_exact");
    assertThat(e.load().sizeGb()).isEqualTo(1);
  }

  @Test
  void theShortFormScalesRequestsPausesAndFaultSeconds() {
    Experiment s = ExperimentFile.parse(YAML, true, "test.yaml").shortened();
    assertThat(s.load().volumes()).isEqualTo(3);
    assertThat(s.load().concurrency()).isEqualTo(2);
    Activity freeze = s.method().get(0);
    assertThat(freeze.args().get("seconds")).isEqualTo(3L);
    assertThat(freeze.pauses().after()).isEqualTo(0.4, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(s.method().get(1).seconds()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void refusesTyposUnknownVerbsAndModes() {
    assertThatThrownBy(() -> ExperimentFile.parse("{\"title\": \"x\", \"methd\": []}", false, "a.json"))
        .hasMessageContaining("methd");
    assertThatThrownBy(() -> ExperimentFile.parse("{\"title\": \"x\", \"method\": [{\"verb\": \"explode\"}]}", false,
        "a.json")).hasMessageContaining("unknown verb explode");
    assertThatThrownBy(() -> ExperimentFile.parse("{\"title\": \"x\", \"expect\": {\"fast\": {}}}", false, "a.json"))
        .hasMessageContaining("unknown mode fast");
    assertThatThrownBy(() -> ExperimentFile.parse("{\"method\": []}", false, "a.json"))
        .hasMessageContaining("title is missing");
    assertThatThrownBy(() -> ExperimentFile.parse("{\"title\": \"x\", \"load\": {\"volumes\": 1, \"backups\": 2}}",
        false, "a.json")).hasMessageContaining("backups");
  }

  @Test
  void everyShippedExperimentParsesAndHasAShortFormAndAnOsloExpectation() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("experiments"))) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(9);
    for (Path f : files) {
      Experiment e = ExperimentFile.read(f);
      assertThat(e.shortForm()).as(f.toString()).isNotNull();
      assertThat(e.expectationFor("oslo")).as(f.toString()).isPresent();
      assertThat(e.shortened().load().volumes()).as(f.toString()).isLessThanOrEqualTo(e.load().volumes());
    }
  }
}
