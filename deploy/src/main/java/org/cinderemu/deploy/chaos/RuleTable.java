package org.cinderemu.deploy.chaos;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code chaos list}'s table: one line per rule, a field the endpoint did not return shown as {@code -}. */
final class RuleTable {

  /** Column titles and the rule fields they show (docs/chaos.md); EXPIRES is expires_at, else the ttl. */
  private static final List<String> TITLES = List.of("CHILD", "ID", "SERVICE", "HOST", "DIRECTION", "PATTERN",
      "METHOD", "ACTION", "PROBABILITY", "COUNT", "HITS", "ACTIVE", "EXPIRES");
  private static final List<String> FIELDS = List.of("id", "service", "host", "direction", "pattern", "method",
      "action", "probability", "count", "hits", "active");

  private RuleTable() {
  }

  static String render(Map<String, List<JsonObject>> rulesByChild) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(TITLES);
    List<String> empty = new ArrayList<>();
    rulesByChild.forEach((child, rules) -> {
      if (rules.isEmpty()) {
        empty.add(child);
      }
      for (JsonObject r : rules) {
        List<String> row = new ArrayList<>(List.of(child));
        FIELDS.forEach(f -> row.add(text(r.getValue(f))));
        row.add(expires(r));
        rows.add(row);
      }
    });
    StringBuilder sb = new StringBuilder();
    if (rows.size() > 1) {
      int[] widths = new int[TITLES.size()];
      rows.forEach(row -> {
        for (int i = 0; i < row.size(); i++) {
          widths[i] = Math.max(widths[i], row.get(i).length());
        }
      });
      rows.forEach(row -> {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
          line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
      });
    }
    empty.forEach(c -> sb.append(c).append(": no rules\n"));
    return sb.toString();
  }

  private static String expires(JsonObject r) {
    if (r.getValue("expires_at") != null) {
      return text(r.getValue("expires_at"));
    }
    return r.getValue("ttl_seconds") != null ? "ttl " + text(r.getValue("ttl_seconds")) + " s" : "-";
  }

  private static String text(Object v) {
    return v == null ? "-" : v.toString();
  }
}
