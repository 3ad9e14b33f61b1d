package org.cinderemu.deploy.chaos.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The run's requests: {@code volumes} creates, {@code concurrency} in flight on the API at a time, then the
 * backups of the first volumes to become available; each a {@link TrackedRequest} in the run's log. Names carry the
 * run id, so that the report lists them and a later cleanup finds them.
 */
final class LoadRunner implements AutoCloseable {

  private final CinderApi api;
  private final RequestLog log;
  private final LongSupplier clock;
  private final String runId;
  private final AtomicInteger seq = new AtomicInteger();
  private final ExecutorService pool;

  LoadRunner(CinderApi api, RequestLog log, LongSupplier clock, String runId, int concurrency) {
    this.api = api;
    this.log = log;
    this.clock = clock;
    this.runId = runId;
    this.pool = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
      Thread t = new Thread(r, "chaos-load");
      t.setDaemon(true);
      return t;
    });
  }

  /** Submits {@code n} creates of {@code phase} and returns once the API answered each (not once they settled). */
  List<TrackedRequest> createVolumes(String phase, int n, LoadSpec spec) throws InterruptedException {
    List<Future<TrackedRequest>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(pool.submit(() -> createVolume(phase, spec)));
    }
    List<TrackedRequest> out = new ArrayList<>();
    for (Future<TrackedRequest> f : futures) {
      try {
        out.add(f.get());
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("load request failed: " + e.getCause(), e.getCause());
      }
    }
    return out;
  }

  private TrackedRequest createVolume(String phase, LoadSpec spec) {
    String name = "chaos-" + runId + "-" + phase + "-" + seq.incrementAndGet();
    TrackedRequest r = log.add(new TrackedRequest(TrackedRequest.VOLUME, phase, name, clock.getAsLong()));
    Http.Answer a = api.createVolume(name, spec.sizeGb(), spec.volumeType());
    r.answered(a.status(), CinderApi.createdId(a, "volume"), a.ok() ? null : a.describe() + " " + a.body(),
        clock.getAsLong());
    return r;
  }

  /** A backup of each volume given (available ones: the caller picks them). */
  List<TrackedRequest> createBackups(String phase, List<TrackedRequest> volumes) {
    List<TrackedRequest> out = new ArrayList<>();
    for (TrackedRequest v : volumes) {
      String name = "chaos-" + runId + "-" + phase + "-backup-" + seq.incrementAndGet();
      TrackedRequest r = log.add(new TrackedRequest(TrackedRequest.BACKUP, phase, name, clock.getAsLong()));
      Http.Answer a = api.createBackup(name, v.id());
      r.answered(a.status(), CinderApi.createdId(a, "backup"), a.ok() ? null : a.describe() + " " + a.body(),
          clock.getAsLong());
      out.add(r);
    }
    return out;
  }

  /** Deletes the run's load volumes (those on {@code hostPrefix} only, when given): the delete_volumes verb. */
  String deleteVolumes(String hostPrefix) {
    int n = 0;
    for (TrackedRequest v : log.of(TrackedRequest.VOLUME, "load")) {
      String host = v.outcome().host();
      if (v.id() == null || (hostPrefix != null && (host == null || !host.startsWith(hostPrefix)))
          || "deleted".equals(v.status())) {
        continue;
      }
      TrackedRequest d = log.add(new TrackedRequest(TrackedRequest.DELETE, "load", v.name, clock.getAsLong()));
      Http.Answer a = api.deleteVolume(v.id());
      d.answered(a.status(), a.ok() ? v.id() : null, a.ok() ? null : a.describe() + " " + a.body(),
          clock.getAsLong());
      n++;
    }
    return "deleted " + n + " volume(s)" + (hostPrefix == null ? "" : " on " + hostPrefix);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
