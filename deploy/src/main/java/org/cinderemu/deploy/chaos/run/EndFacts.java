package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cinderemu.deploy.status.StackReader;
import org.cinderemu.deploy.status.StackReport;

/**
 * Reads the {@link Invariants.Facts} at the end of a run and checks them. Heartbeats and capability reports lag the
 * processes by up to {@code service_down_time} and a few report intervals, so the checks are retried until they
 * hold or that long has passed: what still fails then is a broken invariant.
 */
final class EndFacts {

  /** The statuses whose volumes a pool counts as allocated (VolumeManager COUNTED, docs/cinder-reference.md §5.4). */
  static final List<String> COUNTED = List.of("available", "in-use", "backing-up", "restoring-backup", "extending",
      "maintenance", "error_extending", "error_restoring", "downloading", "uploading", "attaching", "detaching",
      "reserved", "retyping");

  private final RunStack stack;
  private final CinderApi api;
  private final RunDatabase db;
  private final RequestLog log;
  private final LoadSpec spec;

  EndFacts(RunStack stack, CinderApi api, RunDatabase db, RequestLog log, LoadSpec spec) {
    this.stack = stack;
    this.api = api;
    this.db = db;
    this.log = log;
    this.spec = spec;
  }

  List<Invariants.Result> check(List<String> tolerated) throws InterruptedException {
    Instant deadline = Instant.now().plus(stack.serviceDownTime()).plus(stack.reportInterval().multipliedBy(3))
        .plusSeconds(2);
    while (true) {
      List<Invariants.Result> results;
      try {
        results = Invariants.check(read(), tolerated);
      } catch (Exception e) {
        results = Invariants.ALL.stream().map(n -> new Invariants.Result(n, false, false, "cannot read the facts: "
            + e.getMessage())).toList();
      }
      if (results.stream().allMatch(Invariants.Result::ok) || Instant.now().isAfter(deadline)) {
        return results;
      }
      Thread.sleep(500);
    }
  }

  Invariants.Facts read() throws Exception {
    String project = api.project;
    List<RunDatabase.Resource> volumes = db.resources("volumes", project);
    List<RunDatabase.Resource> backups = db.resources("backups", project);
    long transitional = volumes.stream().filter(v -> States.TRANSITIONAL.contains(v.status())).count()
        + backups.stream().filter(b -> States.TRANSITIONAL.contains(b.status())).count();
    List<RunDatabase.Resource> liveVolumes = volumes.stream().filter(v -> !v.status().equals("deleted")).toList();
    long liveBackups = backups.stream().filter(b -> !b.status().equals("deleted")).count();
    StackReport report = new StackReader(stack.state(), null).read();
    Set<String> upVolumeHosts = report.services().stream()
        .filter(s -> s.binary().equals("cinder-volume") && s.state().equals("up"))
        .map(StackReport.ServiceState::host).collect(Collectors.toSet());
    return new Invariants.Facts(log.outcomes(), spec.boundSeconds(), transitional, volumes.size(), backups.size(),
        liveVolumes.size(), liveVolumes.stream().mapToLong(RunDatabase.Resource::size).sum(), liveBackups,
        db.quotaUsages(project), poolsFromApi(upVolumeHosts), db.allocatedByPool(COUNTED), liveness(report));
  }

  /** allocated_capacity_gb of each pool whose cinder-volume is up, as the scheduler reports it. */
  private Map<String, Long> poolsFromApi(Set<String> upHosts) {
    Map<String, Long> out = new LinkedHashMap<>();
    Http.Answer a = api.call("GET", "/scheduler-stats/get_pools?detail=true", null);
    for (JsonNode p : a.json().path("pools")) {
      String name = p.path("name").asText();
      String host = name.contains("#") ? name.substring(0, name.indexOf('#')) : name;
      if (upHosts.contains(host)) {
        out.put(name, p.path("capabilities").path("allocated_capacity_gb").asLong());
      }
    }
    return out;
  }

  private static List<Invariants.ServiceLiveness> liveness(StackReport report) {
    List<Invariants.ServiceLiveness> out = new ArrayList<>();
    for (StackReport.ServiceState s : report.services()) {
      StackReport.Process p = s.pid().isEmpty() ? null : report.processes().stream()
          .filter(x -> x.pid().isPresent() && x.pid().getAsLong() == s.pid().getAsLong()).findFirst().orElse(null);
      if (s.status().equals("enabled")) {
        out.add(new Invariants.ServiceLiveness(s.binary(), s.host(), p == null ? null : p.name(),
            p != null && p.running(), s.state().equals("up")));
      }
    }
    return out;
  }

  static List<MessageAccounting.BrokerQueue> brokerQueues(RunStack stack) {
    return new StackReader(stack.state(), null).read().queues().stream()
        .map(q -> new MessageAccounting.BrokerQueue(q.name(), q.ready(), q.unacked(), q.consumers())).toList();
  }
}
