package org.cinderemu.common.admin;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;

/**
 * Keeps the third-party meters Micrometer and Vert.x bind within {@code promtool check metrics}' conventions: the
 * ones whose names carry an abbreviated unit or a misleading suffix are left out (each has a lint-clean sibling:
 * {@code process_cpu_usage}, {@code system_cpu_usage}), and Netty's, which have no description, get one.
 */
final class LintClean implements MeterFilter {

  /** {@code jvm_compilation_time_ms_total}, {@code process_cpu_time_ns_total}, {@code system_cpu_count}. */
  static final Set<String> LEFT_OUT = Set.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    return LEFT_OUT.contains(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    if (id.getName().startsWith("netty.") && (id.getDescription() == null || id.getDescription().isEmpty())) {
      return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
          "Netty's " + id.getName().substring("netty.".length()).replace('.', ' ') + ".", id.getType());
    }
    return id;
  }
}
