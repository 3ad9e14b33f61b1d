package org.cinderemu.deploy.chaos.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the report says, once, as blocks both renderers ({@link Reports}) turn into Markdown and HTML: verdict,
 * expectation, steady state, measures, invariants, message accounting, fault timeline, every request's outcome.
 */
final class ReportContent {

  sealed interface Block permits Heading, Para, Table, Chart {
  }

  record Heading(String text) implements Block {
  }

  record Para(String text) implements Block {
  }

  record Table(List<String> header, List<List<String>> rows) implements Block {
  }

  record Chart(String svg) implements Block {
  }

  private ReportContent() {
  }

  static List<Block> of(Journal j) {
    List<Block> b = new ArrayList<>();
    b.add(new Heading(j.title() + " — " + j.mode() + " mode" + (j.shortForm() ? ", short form" : "")));
    b.add(new Para("**Verdict: " + (j.verdict().passed() ? "PASSED" : "FAILED") + "**"
        + (j.verdict().passed() ? "" : " — " + j.verdict().summary())));
    j.verdict().reasons().stream().skip(1).forEach(r -> b.add(new Para("- also: " + r)));
    if (j.description() != null) {
      b.add(new Para(j.description()));
    }
    if (j.expectation() != null) {
      b.add(new Para("Expected in " + j.mode() + " mode: " + j.expectation()));
    }
    b.add(new Para("Started " + j.startedAt() + ", ran " + secs(j.durationMs()) + "; project " + j.project()
        + "."));
    if (!j.expectationChecks().isEmpty()) {
      b.add(new Heading("Expectations"));
      b.add(new Table(List.of("check"), j.expectationChecks().stream().map(List::of).toList()));
    }
    b.add(new Heading("Steady state"));
    List<List<String>> probes = new ArrayList<>();
    j.steadyStateBefore().forEach(p -> probes.add(probeRow(p)));
    j.steadyStateAfter().forEach(p -> probes.add(probeRow(p)));
    b.add(new Table(List.of("probe", "when", "value", "ok", "detail"), probes));
    b.add(new Heading("Requests by state over time"));
    b.add(new Chart(StateChart.svg(j.samples(), j.faults())));
    b.add(new Table(List.of("state", "final", "peak"), states(j.finalStates(), j.peakStates())));
    b.add(new Heading("Downtime, recovery and degradation"));
    Journal.Measures m = j.measures();
    b.add(new Table(List.of("measure", "value"), List.of(
        List.of("baseline creates (available / sent)", m.baseline().available() + " / " + m.baseline().requests()),
        List.of("baseline latency mean / p95", ms(m.baseline().meanMs()) + " / " + ms(m.baseline().p95Ms())),
        List.of("baseline throughput", rate(m.baseline().throughputPerSecond())),
        List.of("under faults: creates (available / sent)", m.underFault().available() + " / "
            + m.underFault().requests()),
        List.of("under faults: latency mean / p95", ms(m.underFault().meanMs()) + " / " + ms(m.underFault().p95Ms())),
        List.of("under faults: throughput", rate(m.underFault().throughputPerSecond())),
        List.of("latency degradation (mean, × baseline)", m.latencyDegradation() == null ? "n/a"
            : String.format(Locale.ROOT, "%.2f×", m.latencyDegradation())),
        List.of("downtime (a service reported down)", m.downtimeMs() == null ? "n/a" : secs(m.downtimeMs())),
        List.of("time to recovery (first fault → all settled, all up)", m.recoveryMs() == null ? "not recovered"
            : secs(m.recoveryMs())))));
    b.add(new Heading("Invariants"));
    b.add(new Table(List.of("invariant", "result", "detail"), j.invariants().stream().map(i -> List.of(i.name(),
        i.ok() ? "holds" : i.tolerated() ? "broken, as expected in this mode" : "BROKEN", i.detail())).toList()));
    b.add(new Heading("Message accounting"));
    List<List<String>> totals = new ArrayList<>();
    j.messages().totals().forEach((k, v) -> totals.add(List.of(k, Range.num(v))));
    b.add(new Table(List.of("total", "count"), totals));
    b.add(new Table(List.of("queue", "kind", "published", "consumed", "lost", "duplicated"), j.messages().queues()
        .stream().map(q -> List.of(q.queue(), q.kind(), Range.num(q.published()), Range.num(q.consumed()),
            q.lost() == null ? "n/a" : Range.num(q.lost()), q.duplicated() == null ? "n/a" : Range.num(q.duplicated())))
        .toList()));
    if (!j.messages().broker().isEmpty()) {
      b.add(new Para("The broker's queues at the end of the run:"));
      b.add(new Table(List.of("queue", "ready", "unacked", "consumers"), j.messages().broker().stream()
          .map(q -> List.of(q.name(), Long.toString(q.ready()), q.unacked() == null ? "n/a" : q.unacked().toString(),
              Integer.toString(q.consumers()))).toList()));
    }
    b.add(new Heading("Timeline of faults"));
    b.add(new Table(List.of("start", "end", "window until", "phase", "activity", "ok", "detail"), j.faults().stream()
        .map(f -> List.of(secs(f.startMs()), secs(f.endMs()), f.windowEndMs() == null ? "" : secs(f.windowEndMs()),
            f.phase(), f.name(), f.ok() ? "yes" : "NO", f.detail() == null ? "" : f.detail())).toList()));
    b.add(new Heading("Every request"));
    b.add(new Table(List.of("kind", "phase", "name", "id", "HTTP", "accepted", "terminal", "final", "host", "states"),
        j.requests().stream().map(r -> List.of(r.kind(), r.phase(), r.name(), r.id() == null ? "" : r.id(),
            Integer.toString(r.httpStatus()), r.acceptedMs() == null ? "refused" : secs(r.acceptedMs()),
            r.terminalMs() == null ? "never" : secs(r.terminalMs()), String.valueOf(r.finalStatus()),
            r.host() == null ? "" : r.host(), String.join(" → ", r.history().stream()
                .map(c -> c.status() + "@" + secs(c.t())).toList()))).toList()));
    return b;
  }

  private static List<String> probeRow(ProbeRunner.ProbeResult p) {
    return List.of(p.name(), p.when(), String.valueOf(p.value()), p.ok() ? "yes" : "NO",
        p.detail() == null ? "" : p.detail());
  }

  private static List<List<String>> states(Map<String, Long> finals, Map<String, Long> peaks) {
    java.util.Set<String> keys = new java.util.TreeSet<>(finals.keySet());
    keys.addAll(peaks.keySet());
    return keys.stream().map(k -> List.of(k, Long.toString(finals.getOrDefault(k, 0L)),
        Long.toString(peaks.getOrDefault(k, 0L)))).toList();
  }

  static String secs(long ms) {
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String ms(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.0f ms", v);
  }

  private static String rate(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f /s", v);
  }
}
