package org.cinderemu.deploy.chaos.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's messages, from the growth of every child's {@code cinder_emulator_rpc_*} and oslo.metrics series
 * (common/metrics RpcMetrics): per topic queue, the casts and calls published to it against the requests consumed
 * from it; lost is what was published and never consumed, duplicated what was consumed more often than published.
 * Fanout queues are listed with what their exchange got and what all their consumers took.
 */
record MessageAccounting(List<QueueRow> queues, Map<String, Double> totals, List<BrokerQueue> broker) {

  static final String PUBLISHED = "cinder_emulator_rpc_messages_published_total";
  static final String CONSUMED = "cinder_emulator_rpc_messages_consumed_total";

  /** One queue's numbers; {@code lost} and {@code duplicated} are null for fanout queues. */
  record QueueRow(String queue, String kind, double published, double consumed, Double lost, Double duplicated) {
  }

  /** A queue as the broker reports it at the end of the run (ready messages, consumers). */
  record BrokerQueue(String name, long ready, Long unacked, int consumers) {
  }

  /** Totals: the keys of the journal and report. */
  static final Map<String, String> TOTAL_SERIES = Map.of(
      "intercepted_drops", "cinder_emulator_rpc_intercepted_drops_total",
      "duplicates_dropped", "cinder_emulator_rpc_duplicates_dropped_total",
      "call_timeouts", "cinder_emulator_rpc_call_timeouts_total",
      "publish_failures", "cinder_emulator_rpc_publish_failures_total",
      "reconnects", "cinder_emulator_rpc_reconnects_total",
      "server_errors", "oslo_messaging_rpc_server_exception_total",
      "client_errors", "oslo_messaging_rpc_client_exception_total",
      "rule_hits", "cinder_emulator_chaos_rule_hits_total");

  /**
   * From two scrapes a moment apart: a message in flight at the first (published, not yet consumed) is consumed by
   * the second, so a queue's loss is the smaller of the two; one lost stays lost in both.
   */
  static MessageAccounting of(List<CounterIncreases.Growth> first, List<CounterIncreases.Growth> second,
      List<BrokerQueue> broker) {
    MessageAccounting a = of(first, broker);
    MessageAccounting b = of(second, broker);
    Map<String, QueueRow> earlier = new TreeMap<>();
    a.queues().forEach(q -> earlier.put(q.queue(), q));
    List<QueueRow> rows = b.queues().stream().map(q -> {
      QueueRow e = earlier.get(q.queue());
      return e == null || q.lost() == null || e.lost() == null ? q : new QueueRow(q.queue(), q.kind(), q.published(),
          q.consumed(), Math.min(q.lost(), e.lost()), Math.min(q.duplicated(), e.duplicated()));
    }).toList();
    Map<String, Double> totals = new TreeMap<>(b.totals());
    totals.put("lost", rows.stream().filter(r -> r.lost() != null).mapToDouble(QueueRow::lost).sum());
    totals.put("duplicated", rows.stream().filter(r -> r.duplicated() != null).mapToDouble(QueueRow::duplicated)
        .sum());
    return new MessageAccounting(rows, totals, b.broker());
  }

  static MessageAccounting of(List<CounterIncreases.Growth> growths, List<BrokerQueue> broker) {
    Map<String, double[]> topic = new TreeMap<>();
    Map<String, double[]> fanout = new TreeMap<>();
    for (CounterIncreases.Growth g : growths) {
      Map<String, String> l = g.series().labels();
      if (g.series().name().equals(PUBLISHED)) {
        String kind = l.getOrDefault("kind", "");
        if (kind.equals("cast") || kind.equals("call")) {
          topic.computeIfAbsent(l.get("routing_key"), k -> new double[2])[0] += g.increase();
        } else if (kind.equals("fanout")) {
          fanout.computeIfAbsent(l.get("exchange"), k -> new double[2])[0] += g.increase();
        }
      } else if (g.series().name().equals(CONSUMED)) {
        String q = l.getOrDefault("queue", "");
        (q.endsWith("_fanout") ? fanout : topic).computeIfAbsent(q, k -> new double[2])[1] += g.increase();
      }
    }
    List<QueueRow> rows = new ArrayList<>();
    topic.forEach((q, v) -> rows.add(new QueueRow(q, "topic", v[0], v[1], Math.max(0, v[0] - v[1]),
        Math.max(0, v[1] - v[0]))));
    fanout.forEach((q, v) -> rows.add(new QueueRow(q, "fanout", v[0], v[1], null, null)));
    Map<String, Double> totals = new TreeMap<>();
    totals.put("published", rows.stream().filter(r -> r.kind().equals("topic")).mapToDouble(QueueRow::published)
        .sum());
    totals.put("consumed", rows.stream().filter(r -> r.kind().equals("topic")).mapToDouble(QueueRow::consumed)
        .sum());
    totals.put("lost", rows.stream().filter(r -> r.lost() != null).mapToDouble(QueueRow::lost).sum());
    totals.put("duplicated", rows.stream().filter(r -> r.duplicated() != null).mapToDouble(QueueRow::duplicated)
        .sum());
    TOTAL_SERIES.forEach((key, series) -> totals.put(key, growths.stream()
        .filter(g -> g.series().name().equals(series)).mapToDouble(CounterIncreases.Growth::increase).sum()));
    return new MessageAccounting(rows, totals, List.copyOf(broker));
  }

  double total(String key) {
    return totals.getOrDefault(key, 0.0);
  }
}
