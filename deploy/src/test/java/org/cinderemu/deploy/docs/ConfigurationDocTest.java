package org.cinderemu.deploy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.config.Opt;
import org.cinderemu.deploy.docs.DeclaredOptions.Declared;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists exactly the options the code declares (and so reads: OptionReadsTest keeps every
 * read on a declared constant), each with the declared type and default.
 */
class ConfigurationDocTest {

  private static final String DOC = "docs/configuration.md";

  /** One row of the doc's tables: {@code | `[group]` | `name` | type | default | meaning |}. */
  record Row(String group, String name, String type, String dflt) {
  }

  @Test
  void everyDeclaredOptionIsDocumentedWithItsTypeAndDefault() {
    Map<String, Row> documented = documentedRows();
    List<String> problems = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (Declared d : DeclaredOptions.all()) {
      Opt<?> o = d.opt();
      String key = o.key();
      String first = seen.putIfAbsent(key, d.where());
      if (first != null) {
        problems.add(key + " is declared twice (" + first + " and " + d.where() + "): keep one constant");
        continue;
      }
      Row row = documented.get(key);
      if (row == null) {
        problems.add(key + " (" + d.where() + ") is missing from " + DOC + "; add the row:\n    | `[" + o.group()
            + "]` | `" + o.name() + "` | " + o.docType() + " | " + cell(o.docDefault()) + " | <meaning> |");
        continue;
      }
      if (!row.type().equals(o.docType())) {
        problems.add(key + ": " + DOC + " says type '" + row.type() + "', " + d.where() + " declares '"
            + o.docType() + "'");
      }
      if (!row.dflt().equals(o.docDefault())) {
        problems.add(key + ": " + DOC + " says default '" + row.dflt() + "', " + d.where() + " declares '"
            + o.docDefault() + "'");
      }
    }
    documented.keySet().stream().filter(k -> !seen.containsKey(k))
        .forEach(k -> problems.add(k + " is in " + DOC + " but no options class declares it"));
    assertThat(problems).as("docs/configuration.md against the declared options").isEmpty();
  }

  @Test
  void theTablesAreFound() {
    // a reformatted doc must not make the comparison above vacuous
    assertThat(documentedRows()).containsKeys("[DEFAULT] host", "[<backend>] emulator_thin_provisioning");
  }

  private static String cell(String dflt) {
    return dflt.equals("none") ? dflt : "`" + dflt + "`";
  }

  static Map<String, Row> documentedRows() {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : RepoSources.read(RepoSources.root().resolve(DOC)).split("\n")) {
      if (!line.startsWith("| `[")) {
        continue;
      }
      String[] cells = line.split("\\s\\|\\s");
      String group = strip(cells[0].substring(1));
      Row row = new Row(group.substring(1, group.length() - 1), strip(cells[1]), strip(cells[2]), strip(cells[3]));
      rows.put("[" + row.group() + "] " + row.name(), row);
    }
    return rows;
  }

  private static String strip(String cell) {
    return cell.strip().replace("`", "");
  }
}
