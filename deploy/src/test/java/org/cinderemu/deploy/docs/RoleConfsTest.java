package org.cinderemu.deploy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.service.ServiceOptions;
import org.cinderemu.deploy.ServiceBinary;
import org.cinderemu.deploy.docs.DeclaredOptions.Declared;
import org.cinderemu.volume.driver.BackendConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-role sample confs of deploy/conf/roles (docs/multi-host.md) set only options the code declares, with
 * values it accepts, and each gives what several machines need: a shared server database, two brokers, a host.
 */
class RoleConfsTest {

  private static final Pattern SECTION = Pattern.compile("(?m)^\\[([^]]+)]\\s*$");
  private static final Pattern COMMENTED_CONNECTION = Pattern.compile("(?m)^#\\s*connection\\s*=\\s*(\\S+)\\s*$");

  static Stream<Arguments> roles() {
    return Stream.of(
        Arguments.of("controller.conf", List.of(ServiceBinary.API, ServiceBinary.SCHEDULER)),
        Arguments.of("volume-node.conf", List.of(ServiceBinary.VOLUME, ServiceBinary.BACKUP)),
        Arguments.of("backup-node.conf", List.of(ServiceBinary.BACKUP)));
  }

  private static Path file(String name) {
    return RepoSources.root().resolve("deploy/conf/roles").resolve(name);
  }

  @ParameterizedTest
  @MethodSource("roles")
  void everyOptionIsDeclaredAndItsValueAccepted(String name, List<ServiceBinary> binaries) throws IOException {
    String text = Files.readString(file(name));
    CinderConf conf = CinderConf.parse(text);
    List<String> backends = conf.find(BackendConfig.ENABLED_BACKENDS).orElse(List.of());
    List<Declared> declared = DeclaredOptions.all();
    List<String> problems = new ArrayList<>();
    Matcher sections = SECTION.matcher(text);
    while (sections.find()) {
      String section = sections.group(1);
      boolean backend = backends.contains(section) || CinderConf.BACKEND_DEFAULTS.equals(section);
      for (Map.Entry<String, String> e : conf.section(section).entrySet()) {
        Optional<Opt<?>> opt = declared.stream().map(Declared::opt)
            .filter(o -> (backend ? o.perBackend() : o.group().equals(section)) && matches(o, e.getKey()))
            .findFirst();
        if (opt.isEmpty()) {
          problems.add("[" + section + "] " + e.getKey() + " is not an option the emulator declares");
        } else {
          Opt<?> o = opt.get().name().contains("<") ? opt.get().named(placeholder(opt.get(), e.getKey())) : opt.get();
          Object value = backend ? conf.get(o, section) : conf.get(o);  // throws on a value the option refuses
          assertThat(value).as("[%s] %s", section, e.getKey()).isNotNull();
        }
      }
    }
    assertThat(problems).as(name).isEmpty();
    for (ServiceBinary b : binaries) {
      assertThat(b.verticles(conf)).as("%s builds from %s", b, name).isNotEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("roles")
  void itNamesItsHostASharedDatabaseWithAPostgresqlAlternativeAndTwoBrokers(String name, List<ServiceBinary> b)
      throws IOException {
    String text = Files.readString(file(name));
    CinderConf conf = CinderConf.parse(text);

    assertThat(conf.find(ServiceOptions.HOST)).as("host").isPresent();
    assertThat(DatabaseUrl.fromConf(conf, Path.of("/unused")).dialect()).isEqualTo(Dialect.MARIADB);
    Matcher alternative = COMMENTED_CONNECTION.matcher(text);
    assertThat(alternative.find()).as("a commented PostgreSQL connection").isTrue();
    assertThat(DatabaseUrl.parse(alternative.group(1)).dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(RpcConfig.from(conf).url().brokers()).hasSize(2);
  }

  @org.junit.jupiter.api.Test
  void everyRoleHasItsOwnHostAndTheSameDatabaseAndBrokers() throws IOException {
    List<CinderConf> confs = new ArrayList<>();
    for (String name : List.of("controller.conf", "volume-node.conf", "backup-node.conf")) {
      confs.add(CinderConf.load(file(name)));
    }
    assertThat(confs).extracting(c -> c.get(ServiceOptions.HOST)).doesNotHaveDuplicates();
    assertThat(confs).extracting(c -> c.get(DatabaseUrl.CONNECTION)).containsOnly(confs.get(0).get(DatabaseUrl.CONNECTION));
    assertThat(confs).extracting(c -> c.get(RpcConfig.TRANSPORT_URL)).containsOnly(confs.get(0).get(RpcConfig.TRANSPORT_URL));
  }

  private static boolean matches(Opt<?> o, String key) {
    return o.name().contains("<") ? Pattern.matches(regex(o), key) : o.name().equals(key);
  }

  private static String regex(Opt<?> o) {
    String n = o.name();
    return Pattern.quote(n.substring(0, n.indexOf('<'))) + "(.+)" + Pattern.quote(n.substring(n.indexOf('>') + 1));
  }

  private static String placeholder(Opt<?> o, String key) {
    Matcher m = Pattern.compile(regex(o)).matcher(key);
    return m.matches() ? m.group(1) : key;
  }
}
