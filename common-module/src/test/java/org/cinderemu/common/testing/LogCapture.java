package org.cinderemu.common.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cinderemu.common.logging.LogContextConverter;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger (and its children) logs, each line formatted with the test configuration's console
 * pattern on the logging thread itself, where the Vert.x context whose request it prints is still current.
 */
public final class LogCapture implements AutoCloseable {

  /** One line: the logger's short name, the {@code %reqctx} part, and the whole formatted line. */
  public record Line(String logger, String context, String text) {
  }

  private final Logger logger;
  private final Level previousLevel;
  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender;

  private LogCapture(String loggerName, String level) {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    logger = logback.getLogger(loggerName);
    previousLevel = logger.getLevel();
    @SuppressWarnings("unchecked")
    LayoutWrappingEncoder<ILoggingEvent> encoder = (LayoutWrappingEncoder<ILoggingEvent>)
        ((ConsoleAppender<ILoggingEvent>) logback.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE"))
            .getEncoder();
    LogContextConverter converter = new LogContextConverter();
    appender = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        String name = e.getLoggerName();
        lines.add(new Line(name.substring(name.lastIndexOf('.') + 1), converter.convert(e),
            encoder.getLayout().doLayout(e).strip()));
      }
    };
    appender.setContext(logback);
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.toLevel(level));
  }

  /** Captures {@code loggerName} at {@code level} (DEBUG, INFO, …) until closed. */
  public static LogCapture of(String loggerName, String level) {
    return new LogCapture(loggerName, level);
  }

  public List<Line> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
    appender.stop();
  }
}
