package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The small JSON path a probe names: dotted fields, {@code [n]} for one element, {@code [*]} for every one. */
final class JsonPath {

  private JsonPath() {
  }

  static List<JsonNode> select(JsonNode root, String path) {
    List<JsonNode> current = List.of(root);
    for (String step : path.split("\\.")) {
      String field = step;
      String index = null;
      int bracket = step.indexOf('[');
      if (bracket >= 0 && step.endsWith("]")) {
        field = step.substring(0, bracket);
        index = step.substring(bracket + 1, step.length() - 1);
      }
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        JsonNode v = field.isEmpty() ? n : n.path(field);
        if (index == null) {
          if (!v.isMissingNode()) {
            next.add(v);
          }
        } else if (index.equals("*")) {
          v.forEach(next::add);
        } else if (v.has(Integer.parseInt(index))) {
          next.add(v.get(Integer.parseInt(index)));
        }
      }
      current = next;
    }
    return current;
  }
}
