package org.cinderemu.common.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %reqctx}: the request of the Vert.x context logging the line ({@code req-… user project}), or {@code -}.
 * It reads the context at formatting time, so it needs a synchronous appender (no AsyncAppender).
 */
public final class LogContextConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    LogContext ctx = LogContexts.current();
    return ctx == null ? LogContext.NONE : ctx.format();
  }
}
