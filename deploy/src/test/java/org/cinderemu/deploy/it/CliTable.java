package org.cinderemu.deploy.it;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the prettytable output of cinderclient: {@code +---+} borders, a header row, data rows. A value
 * spanning several lines comes out as continuation rows whose first cell is empty; they are joined with
 * {@code \n}. Text outside tables (messages such as "Request to ... has been accepted.") is ignored.
 */
public final class CliTable {

  private CliTable() {
  }

  /** Every table in {@code text}, each as its rows keyed by column header. */
  public static List<List<Map<String, String>>> tables(String text) {
    List<List<Map<String, String>>> tables = new ArrayList<>();
    List<String> header = null;
    List<Map<String, String>> rows = null;
    int borders = 0;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("+") && line.endsWith("+")) {
        borders++;
        if (borders == 1) {
          header = null;
          rows = new ArrayList<>();
        } else if (borders == 3) {
          tables.add(rows);
          borders = 0;
        }
      } else if (line.startsWith("|") && line.endsWith("|") && line.length() > 1 && borders > 0) {
        List<String> cells = cells(line);
        if (borders == 1) {
          header = cells;
        } else if (header != null && cells.size() == header.size()) {
          addRow(rows, header, cells);
        }
      }
    }
    return tables;
  }

  /** The rows of the only (or first) table; empty when the output has none. */
  public static List<Map<String, String>> rows(String text) {
    List<List<Map<String, String>>> all = tables(text);
    return all.isEmpty() ? List.of() : all.get(0);
  }

  /** A two-column {@code Property | Value} table (cinderclient's show output) as a map. */
  public static Map<String, String> properties(String text) {
    return propertiesOf(rows(text));
  }

  /** Every two-column table in {@code text} (get-pools prints one per pool), each as a map. */
  public static List<Map<String, String>> propertyTables(String text) {
    return tables(text).stream().map(CliTable::propertiesOf).toList();
  }

  /**
   * An API resource's top-level scalar fields as cinderclient prints them in a show table (Python's str():
   * null as None, booleans as True/False), for predicates written against that table.
   */
  public static Map<String, String> asPrinted(JsonObject resource) {
    Map<String, String> printed = new LinkedHashMap<>();
    resource.forEach(e -> {
      Object v = e.getValue();
      if (v == null) {
        printed.put(e.getKey(), "None");
      } else if (v instanceof Boolean b) {
        printed.put(e.getKey(), b ? "True" : "False");
      } else if (v instanceof String || v instanceof Number) {
        printed.put(e.getKey(), v.toString());
      }
    });
    return printed;
  }

  private static Map<String, String> propertiesOf(List<Map<String, String>> rows) {
    Map<String, String> props = new LinkedHashMap<>();
    for (Map<String, String> row : rows) {
      List<String> values = new ArrayList<>(row.values());
      if (values.size() == 2) {
        props.put(values.get(0), values.get(1));
      }
    }
    return props;
  }

  private static void addRow(List<Map<String, String>> rows, List<String> header, List<String> cells) {
    if (cells.get(0).isEmpty() && !rows.isEmpty()) {
      // a continuation line of multi-line cells
      Map<String, String> last = rows.get(rows.size() - 1);
      for (int i = 1; i < header.size(); i++) {
        if (!cells.get(i).isEmpty()) {
          String before = last.get(header.get(i));
          last.put(header.get(i), before.isEmpty() ? cells.get(i) : before + "\n" + cells.get(i));
        }
      }
      return;
    }
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i), cells.get(i));
    }
    rows.add(row);
  }

  private static List<String> cells(String line) {
    return Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1)).map(String::strip).toList();
  }
}
