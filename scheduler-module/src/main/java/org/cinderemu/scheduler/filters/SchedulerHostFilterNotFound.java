package org.cinderemu.scheduler.filters;

/** A name in {@code scheduler_default_filters} that is not a known filter (Cinder's exception of that name). */
public final class SchedulerHostFilterNotFound extends IllegalArgumentException {

  public SchedulerHostFilterNotFound(String filterNames) {
    super("Scheduler Host Filter " + filterNames + " could not be found.");
  }
}
