package org.cinderemu.deploy.chaos.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The invariants every run checks (docs/chaos.md "Experiments"), on facts read at the end of the run: each is a
 * pure function of {@link Facts}, so the report's claims can be tested on fabricated data.
 */
final class Invariants {

  static final String TERMINAL_WITHIN_BOUND = "terminal_within_bound";
  static final String NOTHING_TRANSITIONAL = "nothing_transitional";
  static final String ROW_COUNTS_EXACT = "row_counts_exact";
  static final String QUOTA_EXACT = "quota_exact";
  static final String POOL_CAPACITY_EXACT = "pool_capacity_exact";
  static final String SERVICES_MATCH_PROCESSES = "services_match_processes";
  static final List<String> ALL = List.of(TERMINAL_WITHIN_BOUND, NOTHING_TRANSITIONAL, ROW_COUNTS_EXACT,
      QUOTA_EXACT, POOL_CAPACITY_EXACT, SERVICES_MATCH_PROCESSES);

  private static final int SHOWN = 5;

  /** One service row with the liveness of the process that serves it. */
  record ServiceLiveness(String binary, String host, String child, boolean processAlive, boolean up) {
  }

  /** What the checks read: the request outcomes and the database, API and process state at the end. */
  record Facts(List<TrackedRequest.Outcome> outcomes, int boundSeconds, long transitionalRows,
      long volumeRows, long backupRows, long liveVolumes, long liveVolumeGb, long liveBackups,
      Map<String, RunDatabase.Usage> quota, Map<String, Long> poolsFromApi, Map<String, Long> poolsFromDb,
      List<ServiceLiveness> services) {
  }

  /** One check; {@code tolerated}: broken, as the mode's expectation says real Cinder breaks it. */
  record Result(String name, boolean ok, boolean tolerated, String detail) {
    boolean holdsOrTolerated() {
      return ok || tolerated;
    }
  }

  private Invariants() {
  }

  static List<Result> check(Facts f, List<String> tolerated) {
    List<Result> out = new ArrayList<>();
    out.add(result(TERMINAL_WITHIN_BOUND, terminalWithinBound(f), tolerated));
    out.add(result(NOTHING_TRANSITIONAL, f.transitionalRows() == 0 ? null
        : f.transitionalRows() + " volume(s)/backup(s) of the run still in a transitional state", tolerated));
    out.add(result(ROW_COUNTS_EXACT, rowCounts(f), tolerated));
    out.add(result(QUOTA_EXACT, quota(f), tolerated));
    out.add(result(POOL_CAPACITY_EXACT, pools(f), tolerated));
    out.add(result(SERVICES_MATCH_PROCESSES, services(f), tolerated));
    return out;
  }

  private static Result result(String name, String problem, List<String> tolerated) {
    return new Result(name, problem == null, problem != null && tolerated.contains(name),
        problem == null ? "holds" : problem);
  }

  private static String terminalWithinBound(Facts f) {
    List<String> late = new ArrayList<>();
    long bound = f.boundSeconds() * 1000L;
    for (TrackedRequest.Outcome o : f.outcomes()) {
      if (!o.accepted()) {
        continue;
      }
      if (o.terminalMs() == null) {
        late.add(o.kind() + " " + o.name() + " still " + o.finalStatus());
      } else if (o.latencyMs() > bound) {
        late.add(o.kind() + " " + o.name() + " took " + o.latencyMs() / 1000.0 + " s to " + o.finalStatus());
      }
    }
    return late.isEmpty() ? null : late.size() + " accepted request(s) not terminal within " + f.boundSeconds()
        + " s: " + String.join("; ", late.subList(0, Math.min(SHOWN, late.size())));
  }

  private static String rowCounts(Facts f) {
    long volumes = accepted(f, TrackedRequest.VOLUME);
    long backups = accepted(f, TrackedRequest.BACKUP);
    List<String> p = new ArrayList<>();
    if (f.volumeRows() != volumes) {
      p.add(f.volumeRows() + " volume rows for " + volumes + " accepted creates");
    }
    if (f.backupRows() != backups) {
      p.add(f.backupRows() + " backup rows for " + backups + " accepted creates");
    }
    return p.isEmpty() ? null : String.join("; ", p);
  }

  private static long accepted(Facts f, String kind) {
    return f.outcomes().stream().filter(o -> o.kind().equals(kind) && o.accepted()).count();
  }

  private static String quota(Facts f) {
    List<String> p = new ArrayList<>();
    compare(p, f.quota(), "volumes", f.liveVolumes());
    compare(p, f.quota(), "gigabytes", f.liveVolumeGb());
    compare(p, f.quota(), "backups", f.liveBackups());
    f.quota().values().stream().filter(u -> u.reserved() != 0)
        .forEach(u -> p.add(u.resource() + " reserved " + u.reserved() + " (expected 0)"));
    return p.isEmpty() ? null : String.join("; ", p);
  }

  private static void compare(List<String> problems, Map<String, RunDatabase.Usage> quota, String resource,
      long actual) {
    long inUse = quota.containsKey(resource) ? quota.get(resource).inUse() : 0;
    if (inUse != actual) {
      problems.add("quota " + resource + " in_use " + inUse + ", live rows say " + actual);
    }
  }

  private static String pools(Facts f) {
    List<String> p = new ArrayList<>();
    f.poolsFromApi().forEach((pool, reported) -> {
      long counted = f.poolsFromDb().getOrDefault(pool, 0L);
      if (!Objects.equals(reported, counted)) {
        p.add(pool + " allocated_capacity_gb " + reported + ", its volumes sum to " + counted);
      }
    });
    return p.isEmpty() ? null : String.join("; ", p);
  }

  private static String services(Facts f) {
    List<String> p = new ArrayList<>();
    for (ServiceLiveness s : f.services()) {
      if (s.child() != null && s.processAlive() != s.up()) {
        p.add(s.binary() + " " + s.host() + " is " + (s.up() ? "up" : "down") + " but its process " + s.child()
            + (s.processAlive() ? " is alive" : " is gone"));
      }
    }
    return p.isEmpty() ? null : String.join("; ", p);
  }
}
