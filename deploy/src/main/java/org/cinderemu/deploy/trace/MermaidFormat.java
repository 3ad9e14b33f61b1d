package org.cinderemu.deploy.trace;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinderemu.common.trace.Hop;
import org.cinderemu.common.trace.StatusChange;

/**
 * {@code --format mermaid}: a sequence diagram with one participant per service (API, scheduler@host,
 * volume@host@backend, backup@host), an arrow per hop labelled with its method and routing key (a cast is an
 * open arrow, a call a solid one, a reply dashed) and the status transitions as notes over the service that made
 * them.
 */
final class MermaidFormat {

  /** Where a message goes whose consumer recorded nothing (yet): nobody consumed it, or its handler still runs. */
  static final String PENDING = "pending";

  private MermaidFormat() {
  }

  static void print(Trace trace, PrintWriter out) {
    Map<String, String> participants = new LinkedHashMap<>();
    for (Step s : trace.steps()) {
      participant(participants, s.fromBinary(), s.fromHost());
      participant(participants, s.toBinary(), s.toHost());
    }
    trace.changes().forEach(c -> participant(participants, c.binary(), c.host()));
    out.println("sequenceDiagram");
    participants.forEach((label, alias) -> out.println("    participant " + alias + " as " + label));
    // steps and status changes in time order (a change first on a tie: a row is written before its cast)
    int c = 0;
    for (Step s : trace.steps()) {
      while (c < trace.changes().size() && s.at() != null && !trace.changes().get(c).at().isAfter(s.at())) {
        note(trace.changes().get(c++), participants, out);
      }
      String from = participants.get(label(s.fromBinary(), s.fromHost()));
      String to = participants.get(label(s.toBinary(), s.toHost()));
      out.println("    " + (from == null ? "unknown" : from) + arrow(s.kind()) + (to == null ? PENDING : to) + ": "
          + text(s));
    }
    while (c < trace.changes().size()) {
      note(trace.changes().get(c++), participants, out);
    }
  }

  private static void note(StatusChange change, Map<String, String> participants, PrintWriter out) {
    out.println("    Note over " + participants.get(label(change.binary(), change.host())) + ": "
        + change.resourceType() + " " + (change.from() == null ? "(new)" : change.from()) + " → " + change.to());
  }

  private static void participant(Map<String, String> participants, String binary, String host) {
    if (binary != null) {
      participants.computeIfAbsent(label(binary, host), l -> "p" + (participants.size() + 1));
    }
  }

  /** {@code API}, {@code scheduler@host}, {@code volume@host@backend}, {@code backup@host}. */
  static String label(String binary, String host) {
    if (binary == null) {
      return null;
    }
    if (binary.equals("cinder-api")) {
      return "API";
    }
    return binary.replaceFirst("^cinder-", "") + "@" + host;
  }

  private static String arrow(Hop.Kind kind) {
    return switch (kind) {
      case CAST, FANOUT -> "-)";
      case CALL -> "->>";
      case REPLY -> "-->>";
    };
  }

  /** Method and where it went; ';' and '#' would end or escape a Mermaid message: written as entity codes. */
  static String text(Step s) {
    String where = s.kind() == Hop.Kind.FANOUT ? s.exchange()
        : s.kind() == Hop.Kind.REPLY ? s.queue() != null ? s.queue() : s.routingKey() : s.routingKey();
    String method = s.method() == null ? s.kind().name().toLowerCase() : s.method();
    String label = (s.kind() == Hop.Kind.REPLY ? "reply to " : "") + method + " [" + (where == null ? "?" : where)
        + "]";
    StringBuilder b = new StringBuilder();
    label.chars().forEach(ch -> b.append(ch == '#' || ch == ';' ? "#" + ch + ";" : Character.toString(ch)));
    return b.toString();
  }
}
