package org.cinderemu.deploy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No main source reads a cinder.conf option by a raw name: every read goes through a declared {@code Opt}
 * constant, so the typed getters apply and docs/configuration.md can be checked (ConfigurationDocTest).
 */
class OptionReadsTest {

  // CinderConf's name-based accessors, called with a literal option name
  private static final List<Pattern> RAW_READS = List.of(
      Pattern.compile("\\.(getDefault|backendOption|section)\\(\\s*\""),
      Pattern.compile("\\.(getInt|getDouble|getBool|getList|get|backendOption)\\(\\s*(?![^,()]*\\.class)[^,()\"]+,\\s*\""),
      Pattern.compile("\\.(getInt|getDouble|getBool|getList|get)\\(\\s*\"[^\"]*\"\\s*,\\s*\""));
  // where the name-based accessors live, and the declarations themselves
  private static final List<String> EXEMPT = List.of("common/config/CinderConf.java", "common/config/Opt.java");

  @Test
  void noMainSourceReadsAnOptionByARawName() {
    List<String> offenders = new ArrayList<>();
    for (Path source : RepoSources.mainSources()) {
      String path = source.toString().replace('\\', '/');
      if (EXEMPT.stream().anyMatch(path::endsWith)) {
        continue;
      }
      String[] lines = RepoSources.read(source).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (RAW_READS.stream().anyMatch(p -> p.matcher(line).find())) {
          offenders.add(RepoSources.root().relativize(source) + ":" + (i + 1) + ": " + line.strip());
        }
      }
    }
    assertThat(offenders)
        .as("declare each option once as a static final Opt constant in its options class and read it with "
            + "conf.get(OPT) / conf.find(OPT) (per backend: conf.get(OPT, backend))")
        .isEmpty();
  }

  @Test
  void theScanSeesARawRead() {
    String line = "    int x = conf.getInt(CinderConf.DEFAULT, \"emulator_new\", 5);";
    assertThat(RAW_READS.stream().anyMatch(p -> p.matcher(line).find())).isTrue();
    String json = "    Integer size = row.get(Integer.class, \"size\");";
    assertThat(RAW_READS.stream().anyMatch(p -> p.matcher(json).find())).isFalse();
  }
}
