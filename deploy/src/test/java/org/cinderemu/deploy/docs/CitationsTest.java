package org.cinderemu.deploy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every "§N.M" a source cites names docs/cinder-reference.md and a section that exists there. */
class CitationsTest {

  private static final String DOC = "docs/cinder-reference.md";
  private static final Pattern HEADING = Pattern.compile("^#{2,3} (\\d+(?:\\.\\d+)?)\\.? ");
  private static final Pattern CITED = Pattern.compile("§(\\d+(?:\\.\\d+)?)");

  @Test
  void everyCitationNamesTheReferenceAndAnExistingSection() {
    Set<String> sections = sections();
    List<String> problems = new ArrayList<>();
    for (Path source : RepoSources.allSources()) {
      if (source.endsWith("CitationsTest.java")) {
        continue;   // its own patterns and messages
      }
      String[] lines = RepoSources.read(source).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (!line.contains("§")) {
          continue;
        }
        String where = RepoSources.root().relativize(source) + ":" + (i + 1);
        // a citation continued from the line above ("..., §4.4,\n * §7.1") belongs to the same reference
        boolean named = line.contains(DOC + " §") || i > 0 && lines[i - 1].contains(DOC + " §");
        if (!named) {
          problems.add(where + ": cite as '" + DOC + " §N.M': " + line.strip());
        }
        Matcher m = CITED.matcher(line);
        while (m.find()) {
          if (!sections.contains(m.group(1))) {
            problems.add(where + ": " + DOC + " has no section " + m.group(1));
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static Set<String> sections() {
    Set<String> out = new HashSet<>();
    for (String line : RepoSources.read(RepoSources.root().resolve(DOC)).split("\n")) {
      Matcher m = HEADING.matcher(line);
      if (m.find()) {
        out.add(m.group(1));
      }
    }
    assertThat(out).as("sections of " + DOC).contains("1.1", "9.3");
    return out;
  }
}
