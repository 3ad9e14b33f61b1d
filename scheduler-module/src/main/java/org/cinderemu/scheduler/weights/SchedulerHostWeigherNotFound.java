package org.cinderemu.scheduler.weights;

/** A name in {@code scheduler_default_weighers} that is not a known weigher. */
public final class SchedulerHostWeigherNotFound extends IllegalArgumentException {

  public SchedulerHostWeigherNotFound(String weigherNames) {
    super("Scheduler Host Weigher " + weigherNames + " could not be found.");
  }
}
