package org.cinderemu.deploy.chaos.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much each counter of each child grew during the run, from scrapes taken every second: a value lower than the
 * last one means the child restarted and its counters began again at zero (Prometheus' {@code increase()}). What a
 * killed child counted after its last scrape is not seen.
 */
final class CounterIncreases {

  /** The growth of one series of one child. */
  record Growth(String child, MetricsText.Sample series, double increase) {
  }

  private final Map<String, Double> last = new HashMap<>();
  private final Map<String, Double> increase = new HashMap<>();
  private final Map<String, Growth> seriesOf = new HashMap<>();

  synchronized void observe(String child, MetricsText scrape) {
    for (MetricsText.Sample s : scrape.samples()) {
      if (!s.name().endsWith("_total")) {
        continue;
      }
      String key = child + " " + s.key();
      Double before = last.put(key, s.value());
      if (before == null) {
        increase.putIfAbsent(key, 0.0);  // the first scrape is the starting point
        if (seriesOf.containsKey(key)) {
          increase.merge(key, s.value(), Double::sum);  // a series seen before a restart, back from zero
        }
      } else {
        increase.merge(key, s.value() >= before ? s.value() - before : s.value(), Double::sum);
      }
      seriesOf.put(key, new Growth(child, s, 0));
    }
  }

  /** A child's process is gone (killed): its next scrape, after a restart, starts from zero. */
  synchronized void restarted(String child) {
    last.keySet().removeIf(k -> k.startsWith(child + " "));
  }

  synchronized List<Growth> growths() {
    return seriesOf.entrySet().stream()
        .map(e -> new Growth(e.getValue().child(), e.getValue().series(), increase.getOrDefault(e.getKey(), 0.0)))
        .toList();
  }
}
