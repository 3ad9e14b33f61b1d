package org.cinderemu.deploy.chaos.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every request of the run, in submission order, and what the sampler saw of them. */
final class RequestLog {

  private final List<TrackedRequest> requests = new CopyOnWriteArrayList<>();

  TrackedRequest add(TrackedRequest r) {
    requests.add(r);
    return r;
  }

  List<TrackedRequest> all() {
    return List.copyOf(requests);
  }

  List<TrackedRequest> of(String kind, String phase) {
    return requests.stream().filter(r -> r.kind.equals(kind) && (phase == null || r.phase.equals(phase))).toList();
  }

  /** Applies one database read: each request on that row sees its status. */
  void saw(String kind, List<RunDatabase.Resource> rows, long t) {
    Map<String, RunDatabase.Resource> byId = new java.util.HashMap<>();
    rows.forEach(r -> byId.put(r.id(), r));
    for (TrackedRequest req : requests) {
      boolean sameTable = kind.equals(TrackedRequest.BACKUP) == req.kind.equals(TrackedRequest.BACKUP);
      String id = req.id();
      if (sameTable && id != null && byId.containsKey(id)) {
        RunDatabase.Resource row = byId.get(id);
        req.saw(row.status(), row.host(), t);
      }
    }
  }

  /** Accepted requests of {@code phase} by their current status (the chart's series), kind-prefixed for backups. */
  Map<String, Integer> countsByStatus(String phase) {
    Map<String, Integer> counts = new TreeMap<>();
    for (TrackedRequest r : requests) {
      if (!r.phase.equals(phase) || !r.accepted() || r.kind.equals(TrackedRequest.DELETE)) {
        continue;
      }
      String key = r.kind.equals(TrackedRequest.BACKUP) ? "backup " + r.status() : r.status();
      counts.merge(key, 1, Integer::sum);
    }
    return counts;
  }

  /** Requests of {@code kind} (any when null) in {@code status} now. */
  long inState(String kind, String status) {
    return requests.stream().filter(r -> kind == null || r.kind.equals(kind)).filter(r -> status.equals(r.status()))
        .count();
  }

  boolean allSettled() {
    return requests.stream().allMatch(TrackedRequest::settled);
  }

  List<TrackedRequest.Outcome> outcomes() {
    List<TrackedRequest.Outcome> out = new ArrayList<>();
    requests.forEach(r -> out.add(r.outcome()));
    return out;
  }
}
