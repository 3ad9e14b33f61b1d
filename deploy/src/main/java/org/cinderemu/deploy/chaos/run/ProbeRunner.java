package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Evaluates probes against the stack: HTTP on the API, a series on /metrics, a count in the database. */
final class ProbeRunner {

  /** One probe's outcome: the value it read, whether the tolerance held, and why not. */
  record ProbeResult(String name, String when, String value, boolean ok, String detail) {
  }

  private final CinderApi api;
  private final AdminEndpoints admin;
  private final RunDatabase db;

  ProbeRunner(CinderApi api, AdminEndpoints admin, RunDatabase db) {
    this.api = api;
    this.admin = admin;
    this.db = db;
  }

  List<ProbeResult> all(List<Probe> probes, String when) {
    return probes.stream().map(p -> run(p, when)).toList();
  }

  ProbeResult run(Probe p, String when) {
    try {
      return switch (p.type()) {
        case "http" -> http(p, when);
        case "metrics" -> metrics(p, when);
        default -> database(p, when);
      };
    } catch (Exception e) {
      return new ProbeResult(p.name(), when, null, false, "probe failed: " + e.getMessage());
    }
  }

  private ProbeResult http(Probe p, String when) {
    Http.Answer a = api.call(p.method() == null ? "GET" : p.method(), p.path(), null);
    Probe.Tolerance t = p.tolerance();
    int expected = t.status() == null ? 200 : t.status();
    if (a.status() != expected) {
      return new ProbeResult(p.name(), when, a.describe(), false, "expected HTTP " + expected);
    }
    if (p.jsonPath() == null) {
      return new ProbeResult(p.name(), when, "HTTP " + a.status(), true, null);
    }
    List<JsonNode> found = JsonPath.select(a.json(), p.jsonPath());
    String shown = found.size() == 1 ? found.get(0).asText() : found.stream().map(JsonNode::asText).toList().toString();
    if (t.equals() != null) {
      String want = String.valueOf(t.equals());
      boolean ok = !found.isEmpty() && found.stream().allMatch(n -> n.asText().equals(want));
      return new ProbeResult(p.name(), when, shown, ok, ok ? null : "expected every value = " + want);
    }
    if (t.hasRange()) {
      double v = found.size() == 1 && found.get(0).isNumber() ? found.get(0).asDouble() : found.size();
      boolean ok = t.range().contains(v);
      return new ProbeResult(p.name(), when, Range.num(v), ok, ok ? null : "expected " + t.range());
    }
    return new ProbeResult(p.name(), when, shown, !found.isEmpty(), found.isEmpty() ? "nothing at " + p.jsonPath()
        : null);
  }

  private ProbeResult metrics(Probe p, String when) {
    List<Map.Entry<String, String>> targets = admin.targets(p.child());
    if (targets.isEmpty()) {
      return new ProbeResult(p.name(), when, null, false, "no live child matches " + p.child());
    }
    double sum = 0;
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> t : targets) {
      var text = admin.metricsText(t.getValue());
      if (text.isEmpty()) {
        missing.add(t.getKey());
      } else {
        sum += MetricsText.parse(text.get()).sum(p.series(), p.labels());
      }
    }
    if (!missing.isEmpty()) {
      return new ProbeResult(p.name(), when, null, false, "/metrics did not answer on " + missing);
    }
    boolean ok = p.tolerance().range().contains(sum);
    return new ProbeResult(p.name(), when, Range.num(sum), ok, ok ? null : "expected " + p.tolerance().range());
  }

  private ProbeResult database(Probe p, String when) throws Exception {
    long n = db.count(p.table(), p.status(), p.allProjects() ? null : api.project);
    Range r = p.tolerance().hasRange() ? p.tolerance().range() : Range.exactly(0);
    boolean ok = r.contains(n);
    return new ProbeResult(p.name(), when, Long.toString(n), ok, ok ? null : "expected " + r);
  }

  static boolean allOk(List<ProbeResult> results) {
    return results.stream().allMatch(ProbeResult::ok);
  }

  static String firstFailure(List<ProbeResult> results) {
    return results.stream().filter(r -> !r.ok()).map(r -> r.name() + " (" + r.when() + "): " + r.value() + ", "
        + r.detail()).filter(Objects::nonNull).findFirst().orElse(null);
  }
}
