package org.cinderemu.common.trace;

import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;

/** How each service records the hops of {@code cinder-emu trace} (docs/tracing.md). */
public record TraceOptions(boolean enabled, int bufferSize, int retentionHours, String otlpEndpoint) {

  public static final Opt<Boolean> TRACE_ENABLED = Opt.bool(CinderConf.DEFAULT, "emulator_trace_enabled", true);
  public static final Opt<Integer> TRACE_BUFFER_SIZE =
      Opt.integer(CinderConf.DEFAULT, "emulator_trace_buffer_size", 10_000, 1, null);
  public static final Opt<Integer> TRACE_RETENTION_HOURS =
      Opt.integer(CinderConf.DEFAULT, "emulator_trace_retention_hours", 24, 1, null);
  public static final Opt<String> OTLP_ENDPOINT = Opt.string(CinderConf.DEFAULT, "emulator_otlp_endpoint", null);

  /** @throws IllegalArgumentException when emulator_otlp_endpoint is not an http:// URL */
  public static TraceOptions from(CinderConf conf) {
    conf.find(OTLP_ENDPOINT).filter(s -> !s.isBlank()).ifPresent(OtlpExporter::target);
    return new TraceOptions(conf.get(TRACE_ENABLED), conf.get(TRACE_BUFFER_SIZE), conf.get(TRACE_RETENTION_HOURS),
        conf.find(OTLP_ENDPOINT).filter(s -> !s.isBlank()).orElse(null));
  }
}
