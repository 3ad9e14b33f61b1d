package org.cinderemu.deploy.chaos.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.cinderemu.deploy.ProgressPrinter;

/**
 * One run of an experiment against a running stack, in Chaos Toolkit's order: steady state → baseline → load and
 * method → settle → rollbacks → settle → steady state again → invariants, message accounting and verdict. The
 * steady state failing before the method skips the method, as Chaos Toolkit does. Nothing here blocks an event loop:
 * the CLI runs it on its own threads.
 */
public final class ExperimentRunner {

  /** Between the two final scrapes of the message accounting: long enough for a message in flight to land. */
  static final long ACCOUNTING_GAP_MS = 1500;

  private final RunStack stack;
  private final Experiment experiment;
  private final String mode;
  private final boolean shortForm;
  private final ProgressPrinter printer;
  private final long t0 = System.nanoTime();
  private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  private final List<Journal.FaultEvent> events = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();

  public ExperimentRunner(RunStack stack, Experiment experiment, String mode, boolean shortForm,
      ProgressPrinter printer) {
    this.stack = stack;
    this.experiment = experiment;
    this.mode = mode;
    this.shortForm = shortForm;
    this.printer = printer;
  }

  long now() {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  public Journal run() throws InterruptedException {
    Instant started = Instant.now();
    // Cinder's project_id_regex is hex (and dashes): the run id, then a fixed tail that marks the run's projects
    String project = runId + "c4a05c4a05c4a05c4a05c4a0";
    LoadSpec spec = experiment.load();
    Http http = new Http();
    CinderApi api = new CinderApi(http, stack.apiUrl(), project);
    AdminEndpoints admin = new AdminEndpoints(http, stack);
    RequestLog log = new RequestLog();
    CounterIncreases counters = new CounterIncreases();
    try (RunDatabase db = new RunDatabase(stack.database());
        LoadRunner load = new LoadRunner(api, log, this::now, runId, spec.concurrency());
        Sampler sampler = new Sampler(log, db, api, admin, counters, this::now)) {
      ProbeRunner probes = new ProbeRunner(api, admin, db);
      ProcessFaults processes = new ProcessFaults(stack);
      Actions actions = new Actions(stack, processes, admin, api, load, counters);
      Http.Answer quota = api.unlimited();
      if (!quota.ok()) {
        reasons.add("the API refused the run's quota (" + quota.describe() + ")");
      }
      sampler.start();
      step("steady state before");
      List<ProbeRunner.ProbeResult> before = probes.all(experiment.steadyStateHypothesis().probes(), "before");
      report(before);
      List<ProbeRunner.ProbeResult> after = List.of();
      if (!ProbeRunner.allOk(before)) {
        reasons.add("steady state not met before the method: " + ProbeRunner.firstFailure(before));
      } else {
        step("baseline: " + spec.baselineVolumes() + " creates without faults, after one to warm up");
        awaitSettled(log, sampler, load.createVolumes("warmup", Math.min(1, spec.baselineVolumes()), spec),
            Duration.ofSeconds(spec.boundSeconds()), Duration.ZERO);
        List<TrackedRequest> baseline = load.createVolumes("baseline", spec.baselineVolumes(), spec);
        awaitSettled(log, sampler, baseline, Duration.ofSeconds(spec.boundSeconds()), Duration.ZERO);
        sampler.phase("load");
        step("load (" + spec.volumes() + " creates, " + spec.concurrency() + " at a time"
            + (spec.backups() > 0 ? ", " + spec.backups() + " backups" : "") + ") and method");
        int first = Math.min(spec.startAfterActivities(), experiment.method().size());
        LiveLine live = LiveLine.start(printer, log, this::now, events);
        try {
          runActivities(experiment.method().subList(0, first), "method", actions, probes, log, sampler);
          CompletableFuture<Void> loadDone = CompletableFuture.runAsync(() -> runLoad(load, log, spec));
          runActivities(experiment.method().subList(first, experiment.method().size()), "method", actions, probes,
              log, sampler);
          loadDone.join();
          step("settle");
          awaitSettled(log, sampler, log.all(), Duration.ofSeconds(spec.boundSeconds()),
              Duration.ofSeconds(spec.settleIdleSeconds()));
          if (!experiment.rollbacks().isEmpty()) {
            step("rollbacks");
            runActivities(experiment.rollbacks(), "rollback", actions, probes, log, sampler);
            awaitSettled(log, sampler, log.all(), Duration.ofSeconds(spec.boundSeconds()), Duration.ZERO);
          }
        } finally {
          live.close();
        }
        step("steady state after");
        after = probes.all(experiment.steadyStateHypothesis().probes(), "after");
        report(after);
        if (!ProbeRunner.allOk(after)) {
          reasons.add("steady state not met after the method: " + ProbeRunner.firstFailure(after));
        }
      }
      step("invariants");
      ModeExpectation expected = experiment.expectationFor(mode).orElse(ModeExpectation.NONE);
      sampler.readNow();
      List<Invariants.Result> invariants = new EndFacts(stack, api, db, log, spec).check(expected
          .toleratedInvariants());
      invariants.forEach(i -> printer.line("  " + (i.ok() ? "ok " : i.tolerated() ? "~  " : "!! ") + i.name()
          + (i.ok() ? "" : ": " + i.detail() + (i.tolerated() ? " (expected in " + mode + " mode)" : ""))));
      invariants.stream().filter(i -> !i.holdsOrTolerated())
          .forEach(i -> reasons.add("invariant " + i.name() + " broken: " + i.detail()));
      sampler.close();
      sampler.scrapeMetrics();
      List<CounterIncreases.Growth> first = counters.growths();
      Thread.sleep(ACCOUNTING_GAP_MS);
      sampler.scrapeMetrics();
      MessageAccounting messages = MessageAccounting.of(first, counters.growths(), EndFacts.brokerQueues(stack));
      List<TrackedRequest.Outcome> outcomes = log.outcomes();
      List<Sampler.Sample> samples = sampler.samples();
      var finals = Measurements.finalStates(outcomes);
      var peaks = Measurements.peakStates(samples);
      List<String> checks = Expectations.check(expected, finals, peaks, messages);
      checks.stream().filter(c -> c.startsWith(Expectations.FAILED)).forEach(reasons::add);
      Journal.Measures measures = measures(outcomes, samples);
      Journal.Verdict verdict = reasons.isEmpty()
          ? new Journal.Verdict(true, "passed", List.of())
          : new Journal.Verdict(false, "failed: " + reasons.get(0), List.copyOf(reasons));
      printer.line((verdict.passed() ? "PASSED " : "FAILED ") + experiment.title() + " (" + mode + " mode)"
          + (verdict.passed() ? "" : ": " + reasons.get(0)));
      return new Journal(experiment.title(), experiment.description(), mode, shortForm, started.toString(), now(),
          api.project, verdict, expected.shows(), before, after, FaultWindows.close(events, now()), outcomes,
          samples, finals, peaks, messages, measures, invariants, checks);
    }
  }

  private void runLoad(LoadRunner load, RequestLog log, LoadSpec spec) {
    try {
      List<TrackedRequest> volumes = load.createVolumes("load", spec.volumes(), spec);
      if (spec.backups() > 0) {
        List<TrackedRequest> ready = awaitAvailable(log, volumes, spec.backups(), Duration.ofSeconds(spec
            .boundSeconds()));
        load.createBackups("load", ready);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<TrackedRequest> awaitAvailable(RequestLog log, List<TrackedRequest> volumes, int n,
      Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      List<TrackedRequest> ready = volumes.stream().filter(v -> "available".equals(v.status())).limit(n).toList();
      if (ready.size() >= n || Instant.now().isAfter(deadline)) {
        return ready;
      }
      Thread.sleep(Sampler.TICK_MS);
    }
  }

  private void runActivities(List<Activity> activities, String phase, Actions actions, ProbeRunner probes,
      RequestLog log, Sampler sampler) throws InterruptedException {
    for (Activity a : activities) {
      sleep(a.pauses().before());
      if (a.waitFor() != null) {
        waitFor(a.waitFor(), log, sampler);
      }
      long start = now();
      boolean ok = true;
      String detail;
      try {
        if (a.isPause()) {
          sleep(a.seconds());
          detail = "paused";
        } else if ("probe".equals(a.type())) {
          ProbeRunner.ProbeResult r = probes.run(a.probe(), phase);
          ok = r.ok();
          detail = r.value() + (r.detail() == null ? "" : " (" + r.detail() + ")");
        } else {
          detail = actions.run(a);
        }
      } catch (ActionFailed | java.io.IOException | java.util.concurrent.TimeoutException e) {
        ok = false;
        detail = e.getMessage();
        reasons.add("action \"" + a.label() + "\" failed: " + e.getMessage());
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        ok = false;
        detail = e.toString();
        reasons.add("action \"" + a.label() + "\" failed: " + e);
      }
      long end = now();
      synchronized (events) {
        events.add(new Journal.FaultEvent(a.label(), phase, a.isPause() ? "pause" : a.verb(), a.target(), start, end,
            null, ok, detail));
      }
      printer.line("  " + (ok ? "ok " : "!! ") + String.format(java.util.Locale.ROOT, "%6.1f s  ", start / 1000.0)
          + a.label() + ": " + detail);
      sleep(a.pauses().after());
    }
  }

  private static void waitFor(Activity.WaitFor w, RequestLog log, Sampler sampler) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMillis((long) ((w.timeoutSeconds() <= 0 ? 60
        : w.timeoutSeconds()) * 1000)));
    while (log.inState(w.kind(), w.state()) < Math.max(1, w.atLeast()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(Sampler.TICK_MS / 2);
      sampler.readNow();
    }
  }

  /**
   * Until every request given settled, or nothing changed for {@code idle} (a fault holds them: the rollbacks come
   * next), bounded by {@code bound}.
   */
  private static void awaitSettled(RequestLog log, Sampler sampler, List<TrackedRequest> requests, Duration bound,
      Duration idle) throws InterruptedException {
    Instant deadline = Instant.now().plus(bound);
    String last = null;
    Instant lastChange = Instant.now();
    while (Instant.now().isBefore(deadline)) {
      sampler.readNow();
      if (requests.stream().allMatch(TrackedRequest::settled)) {
        return;
      }
      String state = log.countsByStatus("load").toString() + log.countsByStatus("baseline");
      if (!state.equals(last)) {
        last = state;
        lastChange = Instant.now();
      } else if (!idle.isZero() && Instant.now().isAfter(lastChange.plus(idle))) {
        return;
      }
      Thread.sleep(Sampler.TICK_MS);
    }
  }

  private Journal.Measures measures(List<TrackedRequest.Outcome> outcomes, List<Sampler.Sample> samples) {
    Journal.Stats baseline = Measurements.stats(outcomes.stream().filter(o -> o.phase().equals("baseline")).toList());
    Journal.Stats underFault = Measurements.stats(outcomes.stream().filter(o -> o.phase().equals("load")).toList());
    Double degradation = baseline.meanMs() == null || underFault.meanMs() == null || baseline.meanMs() == 0 ? null
        : underFault.meanMs() / baseline.meanMs();
    Long recovery = FaultWindows.recoveryMs(events, outcomes, samples);
    return new Journal.Measures(baseline, underFault, degradation, Measurements.downtimeMs(samples), recovery);
  }

  private void step(String label) {
    printer.line(String.format(java.util.Locale.ROOT, "[%6.1f s] %s", now() / 1000.0, label));
  }

  private void report(List<ProbeRunner.ProbeResult> results) {
    results.forEach(r -> printer.line("  " + (r.ok() ? "ok " : "!! ") + r.name() + ": " + r.value()
        + (r.detail() == null ? "" : " (" + r.detail() + ")")));
  }

  private static void sleep(Double seconds) throws InterruptedException {
    if (seconds != null && seconds > 0) {
      Thread.sleep((long) (seconds * 1000));
    }
  }
}
