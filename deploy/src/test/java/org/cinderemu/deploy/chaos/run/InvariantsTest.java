package org.cinderemu.deploy.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvariantsTest {

  private static TrackedRequest.Outcome volume(String name, Long accepted, Long terminal, String status) {
    return new TrackedRequest.Outcome(TrackedRequest.VOLUME, "load", name, "id-" + name, accepted == null ? 0 : 202,
        null, 0, accepted, terminal, accepted == null ? null : status, "node1@b1#pool1", List.of());
  }

  private static Invariants.Facts facts(List<TrackedRequest.Outcome> outcomes, long transitional, long rows,
      Map<String, RunDatabase.Usage> quota, Map<String, Long> api, Map<String, Long> db,
      List<Invariants.ServiceLiveness> services) {
    return new Invariants.Facts(outcomes, 60, transitional, rows, 0, rows, rows, 0, quota, api, db, services);
  }

  private static final Map<String, RunDatabase.Usage> QUOTA_TWO = Map.of(
      "volumes", new RunDatabase.Usage("volumes", 2, 0), "gigabytes", new RunDatabase.Usage("gigabytes", 2, 0));

  @Test
  void allHoldOnACleanRun() {
    List<Invariants.Result> r = Invariants.check(facts(List.of(volume("a", 10L, 1000L, "available"),
        volume("b", 10L, 2000L, "error"), volume("refused", null, null, null)), 0, 2, QUOTA_TWO,
        Map.of("node1@b1#pool1", 1L), Map.of("node1@b1#pool1", 1L),
        List.of(new Invariants.ServiceLiveness("cinder-volume", "node1@b1", "cinder-volume@node1", true, true))),
        List.of());
    assertThat(r).extracting(Invariants.Result::name).containsExactlyElementsOf(Invariants.ALL);
    assertThat(r).allMatch(Invariants.Result::ok);
  }

  @Test
  void eachBreaksOnItsOwnFault() {
    List<Invariants.Result> r = Invariants.check(facts(List.of(volume("stuck", 10L, null, "creating"),
        volume("slow", 10L, 70_010L, "available")), 1, 3,
        Map.of("volumes", new RunDatabase.Usage("volumes", 3, 1), "gigabytes", new RunDatabase.Usage("gigabytes", 3, 0)),
        Map.of("node1@b1#pool1", 5L), Map.of("node1@b1#pool1", 3L),
        List.of(new Invariants.ServiceLiveness("cinder-volume", "node1@b1", "cinder-volume@node1", false, true))),
        List.of(Invariants.POOL_CAPACITY_EXACT));
    Map<String, Invariants.Result> byName = new java.util.HashMap<>();
    r.forEach(x -> byName.put(x.name(), x));
    assertThat(byName.get(Invariants.TERMINAL_WITHIN_BOUND).detail()).contains("2 accepted request(s)")
        .contains("stuck still creating").contains("slow took 70.0 s");
    assertThat(byName.get(Invariants.NOTHING_TRANSITIONAL).ok()).isFalse();
    assertThat(byName.get(Invariants.ROW_COUNTS_EXACT).detail()).contains("3 volume rows for 2 accepted creates");
    assertThat(byName.get(Invariants.QUOTA_EXACT).detail()).contains("volumes reserved 1");
    Invariants.Result pools = byName.get(Invariants.POOL_CAPACITY_EXACT);
    assertThat(pools.ok()).isFalse();
    assertThat(pools.tolerated()).isTrue();
    assertThat(pools.detail()).contains("allocated_capacity_gb 5, its volumes sum to 3");
    assertThat(byName.get(Invariants.SERVICES_MATCH_PROCESSES).detail())
        .contains("is up but its process cinder-volume@node1 is gone");
    assertThat(byName.get(Invariants.QUOTA_EXACT).tolerated()).isFalse();
  }
}
