package org.cinderemu.deploy.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

  private static TrackedRequest.Outcome create(String phase, String name, long submitted, long accepted,
      Long terminal, String status) {
    return new TrackedRequest.Outcome(TrackedRequest.VOLUME, phase, name, "id-" + name, 202, null, submitted,
        accepted, terminal, status, "node1@b1#pool1", List.of(new TrackedRequest.Change(accepted + 100, "creating"),
            new TrackedRequest.Change(terminal == null ? accepted + 200 : terminal, status)));
  }

  @Test
  void statsAreTheAcceptedToTerminalLatenciesOfAvailableCreates() {
    Journal.Stats s = Measurements.stats(List.of(create("load", "a", 0, 10, 1010L, "available"),
        create("load", "b", 0, 10, 3010L, "available"), create("load", "c", 0, 10, 500L, "error")));
    assertThat(s.requests()).isEqualTo(3);
    assertThat(s.available()).isEqualTo(2);
    assertThat(s.meanMs()).isEqualTo(2000.0, within(1e-9));
    assertThat(s.p95Ms()).isEqualTo(3000.0, within(1e-9));
    assertThat(s.throughputPerSecond()).isEqualTo(2 / 3.01, within(1e-6));
  }

  @Test
  void downtimeAndPeaksFromTheSamples() {
    List<Sampler.Sample> samples = List.of(new Sampler.Sample(0, Map.of("creating", 2), 0, true),
        new Sampler.Sample(250, Map.of("creating", 5), 1, true), new Sampler.Sample(500, Map.of("creating", 3), 1,
            true), new Sampler.Sample(750, Map.of("available", 3, "error", 2), 0, true),
        new Sampler.Sample(1000, Map.of("available", 3, "error", 2), 0, true));
    assertThat(Measurements.downtimeMs(samples)).isEqualTo(500);
    assertThat(Measurements.peakStates(samples)).containsEntry("creating", 5L).containsEntry("error", 2L);
  }

  @Test
  void faultWindowsEndAtTheActionThatEndsThem() {
    List<Journal.FaultEvent> closed = FaultWindows.close(List.of(
        new Journal.FaultEvent("kill", "method", "kill", "cinder-volume@node1", 1000, 1100, null, true, ""),
        new Journal.FaultEvent("freeze", "method", "freeze", "cinder-scheduler", 2000, 5000, null, true, ""),
        new Journal.FaultEvent("restart", "rollback", "restart", "cinder-volume@node1", 6000, 9000, null, true, "")),
        12_000);
    assertThat(closed).extracting(Journal.FaultEvent::windowEndMs).containsExactly(9000L, 5000L, null);
  }

  @Test
  void accountingFindsLostAndDuplicatedPerQueueAndTakesTheSmallerLossOfTwoScrapes() {
    MetricsText.Sample pub = new MetricsText.Sample(MessageAccounting.PUBLISHED, Map.of("kind", "cast", "routing_key",
        "cinder-volume.node1@b1", "exchange", "openstack"), 0);
    MetricsText.Sample con = new MetricsText.Sample(MessageAccounting.CONSUMED, Map.of("queue",
        "cinder-volume.node1@b1"), 0);
    MetricsText.Sample drops = new MetricsText.Sample("cinder_emulator_rpc_intercepted_drops_total", Map.of(), 0);
    List<CounterIncreases.Growth> first = List.of(new CounterIncreases.Growth("cinder-scheduler", pub, 10),
        new CounterIncreases.Growth("cinder-volume@node1", con, 6), new CounterIncreases.Growth("x", drops, 3));
    List<CounterIncreases.Growth> second = List.of(new CounterIncreases.Growth("cinder-scheduler", pub, 10),
        new CounterIncreases.Growth("cinder-volume@node1", con, 7), new CounterIncreases.Growth("x", drops, 3));
    MessageAccounting m = MessageAccounting.of(first, second, List.of());
    assertThat(m.queues()).singleElement().satisfies(q -> {
      assertThat(q.published()).isEqualTo(10);
      assertThat(q.consumed()).isEqualTo(7);
      assertThat(q.lost()).isEqualTo(3);
    });
    assertThat(m.total("lost")).isEqualTo(3);
    assertThat(m.total("intercepted_drops")).isEqualTo(3);
  }

  @Test
  void countersSurviveARestartOfTheChild() {
    CounterIncreases c = new CounterIncreases();
    c.observe("v", MetricsText.parse("cinder_emulator_rpc_reconnects_total{process=\"cinder-volume\"} 5.0\n"));
    c.observe("v", MetricsText.parse("cinder_emulator_rpc_reconnects_total{process=\"cinder-volume\"} 7.0\n"));
    c.observe("v", MetricsText.parse("cinder_emulator_rpc_reconnects_total{process=\"cinder-volume\"} 1.0\n"));
    assertThat(c.growths()).singleElement().extracting(CounterIncreases.Growth::increase).isEqualTo(3.0);
  }

  @Test
  void theReportFilesSayTheVerdictAndTheChartMarksTheFaults(@TempDir Path dir) throws Exception {
    List<TrackedRequest.Outcome> outcomes = List.of(create("baseline", "b1", 0, 10, 1010L, "available"),
        create("load", "l1", 2000, 2010, 4000L, "available"), create("load", "l2", 2000, 2010, 9000L, "error"));
    List<Sampler.Sample> samples = List.of(new Sampler.Sample(2000, Map.of("creating", 2), 0, true),
        new Sampler.Sample(5000, Map.of("available", 1, "creating", 1), 1, true),
        new Sampler.Sample(9000, Map.of("available", 1, "error", 1), 0, true));
    List<Journal.FaultEvent> faults = FaultWindows.close(List.of(
        new Journal.FaultEvent("kill node1", "method", "kill", "cinder-volume@node1", 3000, 3100, null, true, "ok"),
        new Journal.FaultEvent("restart node1", "rollback", "restart", "cinder-volume@node1", 7000, 8000, null, true,
            "ok")), 9500);
    Journal j = new Journal("t", "d", "oslo", true, "now", 9500, "p", new Journal.Verdict(false,
        "failed: invariant quota_exact broken", List.of("invariant quota_exact broken")), "shows", List.of(),
        List.of(), faults, outcomes, samples, Measurements.finalStates(outcomes), Measurements.peakStates(samples),
        MessageAccounting.of(List.of(), List.of()), new Journal.Measures(Measurements.stats(outcomes.subList(0, 1)),
            Measurements.stats(outcomes.subList(1, 3)), 2.0, Measurements.downtimeMs(samples), 6000L),
        List.of(new Invariants.Result("quota_exact", false, false, "quota volumes in_use 3, live rows say 2")),
        List.of());
    Reports.write(j, dir);
    String md = Files.readString(dir.resolve(Reports.MARKDOWN));
    assertThat(md).contains("**Verdict: FAILED** — failed: invariant quota_exact broken")
        .contains("| quota_exact | BROKEN | quota volumes in_use 3, live rows say 2 |")
        .contains("| error | 1 | 1 |").contains("| latency degradation (mean, × baseline) | 2.00× |")
        .contains("| downtime (a service reported down) | 4.0 s |");
    String html = Files.readString(dir.resolve(Reports.HTML));
    assertThat(html).contains("<svg").contains("data-state=\"creating\"").contains("data-state=\"error\"")
        .contains("<rect class=\"fault\"").contains("<title>kill node1</title>");
    // the window runs from the kill (3.0 s) to the restart's end (8.0 s) on a 2.0..9.0 s axis of 690 px at x=50
    assertThat(html).contains("x=\"148.6\"").contains("width=\"492.9\"");
    assertThat(Journal.read(dir.resolve(Reports.JOURNAL)).verdict().passed()).isFalse();
  }
}
