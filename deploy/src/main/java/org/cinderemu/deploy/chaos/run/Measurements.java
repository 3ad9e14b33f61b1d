package org.cinderemu.deploy.chaos.run;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report's numbers, computed from the journal's raw data alone (so a test can recompute them). */
final class Measurements {

  private Measurements() {
  }

  static Journal.Stats stats(List<TrackedRequest.Outcome> outcomes) {
    List<TrackedRequest.Outcome> creates = outcomes.stream().filter(o -> o.kind().equals(TrackedRequest.VOLUME))
        .toList();
    List<Long> latencies = creates.stream().filter(o -> "available".equals(o.finalStatus()) && o.latencyMs() != null)
        .map(TrackedRequest.Outcome::latencyMs).sorted().toList();
    if (latencies.isEmpty()) {
      return new Journal.Stats(creates.size(), 0, null, null, null);
    }
    double mean = latencies.stream().mapToLong(Long::longValue).average().orElse(0);
    double p95 = latencies.get((int) Math.ceil(0.95 * latencies.size()) - 1);
    long first = creates.stream().mapToLong(TrackedRequest.Outcome::submittedMs).min().orElse(0);
    long last = creates.stream().filter(o -> "available".equals(o.finalStatus()) && o.terminalMs() != null)
        .mapToLong(TrackedRequest.Outcome::terminalMs).max().orElse(first);
    Double rate = last > first ? latencies.size() * 1000.0 / (last - first) : null;
    return new Journal.Stats(creates.size(), latencies.size(), mean, p95, rate);
  }

  /** Milliseconds during which at least one enabled service was reported down, from the samples. */
  static Long downtimeMs(List<Sampler.Sample> samples) {
    long down = 0;
    boolean seen = false;
    for (int i = 1; i < samples.size(); i++) {
      Integer d = samples.get(i - 1).servicesDown();
      if (d != null) {
        seen = true;
        if (d > 0) {
          down += samples.get(i).t() - samples.get(i - 1).t();
        }
      }
    }
    return seen ? down : null;
  }

  /** Final status counts of the load's requests (backups prefixed). */
  static Map<String, Long> finalStates(List<TrackedRequest.Outcome> outcomes) {
    Map<String, Long> m = new TreeMap<>();
    outcomes.stream().filter(o -> o.phase().equals("load") && o.accepted() && !o.kind().equals(TrackedRequest.DELETE))
        .forEach(o -> m.merge(key(o.kind(), o.finalStatus()), 1L, Long::sum));
    return m;
  }

  /** For each status, the most load requests in it at one sample. */
  static Map<String, Long> peakStates(List<Sampler.Sample> samples) {
    Map<String, Long> m = new TreeMap<>();
    samples.forEach(s -> s.counts().forEach((k, v) -> m.merge(k, (long) v, Math::max)));
    return m;
  }

  static String key(String kind, String status) {
    return kind.equals(TrackedRequest.BACKUP) ? "backup " + status : status;
  }
}
