package org.cinderemu.deploy.trace;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.cinderemu.common.trace.StatusChange;

/**
 * The default output: one line per hop in publish order (who sent it to whom, exchange, routing key, queue, method,
 * kind, version, the three times with time in queue and in the handler), then the status transitions.
 */
final class TextFormat {

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private TextFormat() {
  }

  static void print(Trace trace, PrintWriter out) {
    out.println("trace of " + trace.id() + ": " + trace.requestIds().size() + " request(s) "
        + String.join(", ", trace.requestIds()) + " (times UTC)");
    int n = 0;
    for (Step s : trace.steps()) {
      out.println(line(++n, s));
    }
    if (trace.changes().isEmpty()) {
      return;
    }
    out.println("status transitions:");
    for (StatusChange c : trace.changes()) {
      out.println(transition(c));
    }
  }

  static String line(int n, Step s) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%3d %s %-6s %s v%s  %s -> %s", n, time(s.at()), s.kind().name().toLowerCase(),
        orDash(s.method()), orDash(s.version()), party(s.fromBinary(), s.fromHost()), party(s.toBinary(),
            s.toHost())));
    b.append("  exchange=").append(exchangeName(s.exchange()))
        .append(" routing_key=").append(orDash(s.routingKey()))
        .append(" queue=").append(orDash(s.queue()));
    b.append("  published=").append(time(s.publishedAt()))
        .append(" consumed=").append(time(s.consumedAt())).append(" (queue ").append(ms(s.inQueue())).append(')')
        .append(" finished=").append(time(s.finishedAt())).append(" (handler ").append(ms(s.inHandler())).append(')');
    if ("error".equals(s.outcome())) {
      b.append(" FAILED");
    }
    b.append("  ").append(orDash(s.requestId()));
    return b.toString();
  }

  static String transition(StatusChange c) {
    return String.format("    %s %s %s: %s -> %s  by %s  %s", time(c.at()), c.resourceType(), c.resourceId(),
        c.from() == null ? "(new)" : c.from(), c.to(), party(c.binary(), c.host()), orDash(c.requestId()));
  }

  static String party(String binary, String host) {
    return binary == null ? "?" : binary + "@" + host;
  }

  /** The default exchange has the empty name; print it as AMQP tools do. */
  static String exchangeName(String exchange) {
    return exchange == null ? "-" : exchange.isEmpty() ? "(default)" : exchange;
  }

  static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  static String ms(Duration d) {
    return d == null ? "-" : String.format("%.3f ms", d.toNanos() / 1e6);
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
