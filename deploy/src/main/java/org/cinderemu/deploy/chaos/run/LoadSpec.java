package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The requests an experiment runs while its method injects faults: {@code volumes} creates of {@code size_gb},
 * {@code concurrency} at a time, then {@code backups} backups of the first volumes that became available. Every
 * accepted request must reach a terminal state within {@code bound_seconds} of its acceptance. The baseline runs
 * {@code baseline_volumes} creates before any fault, to measure latency and throughput undisturbed. The load
 * starts with the method, or once {@code start_after_activities} of the method's activities have run (a fault
 * that must be in place before the requests arrive).
 */
public record LoadSpec(
    int volumes,
    int concurrency,
    @JsonProperty("size_gb") int sizeGb,
    @JsonProperty("volume_type") String volumeType,
    int backups,
    @JsonProperty("bound_seconds") int boundSeconds,
    @JsonProperty("baseline_volumes") int baselineVolumes,
    @JsonProperty("settle_idle_seconds") int settleIdleSeconds,
    @JsonProperty("start_after_activities") int startAfterActivities) {

  static final LoadSpec NONE = new LoadSpec(0, 1, 1, null, 0, 60, 0, 5, 0);

  public LoadSpec {
    concurrency = Math.max(1, concurrency);
    sizeGb = Math.max(1, sizeGb);
    boundSeconds = boundSeconds <= 0 ? 60 : boundSeconds;
    settleIdleSeconds = settleIdleSeconds <= 0 ? 5 : settleIdleSeconds;
    if (volumes < 0 || backups < 0 || baselineVolumes < 0) {
      throw new IllegalArgumentException("load: volumes, backups and baseline_volumes must be at least 0");
    }
    if (backups > volumes) {
      throw new IllegalArgumentException("load: backups (" + backups + ") cannot exceed volumes (" + volumes + ")");
    }
  }

  LoadSpec shortened(Experiment.ShortForm s) {
    return new LoadSpec(or(s.volumes(), volumes), or(s.concurrency(), concurrency), sizeGb, volumeType,
        Math.min(or(s.backups(), backups), or(s.volumes(), volumes)), boundSeconds,
        or(s.baselineVolumes(), baselineVolumes), settleIdleSeconds, startAfterActivities);
  }

  private static int or(Integer v, int fallback) {
    return v == null ? fallback : v;
  }
}
