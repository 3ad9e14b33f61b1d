package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a run saw, written as {@code journal.json} (snake_case) and rendered by the reports. Times are ms since
 * the run began.
 */
public record Journal(
    String title,
    String description,
    String mode,
    boolean shortForm,
    String startedAt,
    long durationMs,
    String project,
    Verdict verdict,
    String expectation,
    List<ProbeRunner.ProbeResult> steadyStateBefore,
    List<ProbeRunner.ProbeResult> steadyStateAfter,
    List<FaultEvent> faults,
    List<TrackedRequest.Outcome> requests,
    List<Sampler.Sample> samples,
    Map<String, Long> finalStates,
    Map<String, Long> peakStates,
    MessageAccounting messages,
    Measures measures,
    List<Invariants.Result> invariants,
    List<String> expectationChecks) {

  /** One activity of the method or the rollbacks as it ran. */
  record FaultEvent(String name, String phase, String verb, String target, long startMs, long endMs, Long windowEndMs,
      boolean ok, String detail) {
  }

  /** Passed, or the first reason it did not, with every reason listed. */
  public record Verdict(boolean passed, String summary, List<String> reasons) {
  }

  /**
   * Latency and throughput of the creates before the faults (baseline) and under them; downtime is how long
   * os-services reported a service down; time to recovery runs from the first fault to the moment the last request
   * settled with every service up again.
   */
  record Measures(Stats baseline, Stats underFault, Double latencyDegradation, Long downtimeMs, Long recoveryMs) {
  }

  /** Accepted-to-terminal latency of the creates that became available, and their rate. */
  record Stats(int requests, int available, Double meanMs, Double p95Ms, Double throughputPerSecond) {
  }

  static ObjectMapper mapper() {
    return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  void write(Path file) throws IOException {
    mapper().writeValue(file.toFile(), this);
  }

  static Journal read(Path file) throws IOException {
    return mapper().readValue(file.toFile(), Journal.class);
  }
}
