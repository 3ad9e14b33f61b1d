package org.cinderemu.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CinderConf's typed getters follow oslo.config's types, and every bad value's error names its option. */
class TypedOptionsTest {

  private static final Opt<Boolean> THIN = Opt.bool(Opt.BACKEND, "emulator_thin_provisioning", false);
  private static final Opt<Boolean> DEBUG = Opt.bool(CinderConf.DEFAULT, "debug", false);
  private static final Opt<Integer> RESERVED = Opt.integer(Opt.BACKEND, "reserved_percentage", 0, 0, 100);
  private static final Opt<Integer> REPORT = Opt.integer(CinderConf.DEFAULT, "report_interval", 10);
  private static final Opt<Double> RATE = Opt.floating(Opt.BACKEND, "emulator_create_failure_rate", 0.0, 0.0, 1.0);
  private static final Opt<List<String>> BACKENDS = Opt.list(CinderConf.DEFAULT, "enabled_backends", null);
  private static final Opt<String> STORE = Opt.choice(Opt.BACKEND, "emulator_data_store", "file", "file", "memory");

  @ParameterizedTest
  @ValueSource(strings = {"true", "1", "on", "yes", "TRUE", "Yes", "On"})
  void oslosTrueSpellings(String v) {
    assertThat(CinderConf.parse("[DEFAULT]\ndebug = " + v + "\n").get(DEBUG)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "0", "off", "no", "False", "NO"})
  void oslosFalseSpellings(String v) {
    assertThat(CinderConf.parse("[DEFAULT]\ndebug = " + v + "\n").get(DEBUG)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"maybe", "t", "y", "2", "enabled"})
  void anyOtherBooleanNamesTheOption(String v) {
    // strutils' t and y are not oslo.config booleans
    CinderConf conf = CinderConf.parse("[lvm]\nemulator_thin_provisioning = " + v + "\n");
    assertThatThrownBy(() -> conf.get(THIN, "lvm"))
        .isInstanceOf(CinderConf.ConfigException.class)
        .hasMessageContaining("[lvm] emulator_thin_provisioning = " + v)
        .hasMessageContaining("not a boolean");
  }

  @Test
  void yesIsTrueNotSilentlyFalse() {
    assertThat(CinderConf.parse("[lvm]\nemulator_thin_provisioning = yes\n").get(THIN, "lvm")).isTrue();
  }

  @Test
  void perBackendOptionsFallBackToBackendDefaultsThenTheDefault() {
    CinderConf conf = CinderConf.parse("[a]\nreserved_percentage = 7\n[b]\n[backend_defaults]\nreserved_percentage = 3\n");
    assertThat(conf.get(RESERVED, "a")).isEqualTo(7);
    assertThat(conf.get(RESERVED, "b")).isEqualTo(3);
    assertThat(CinderConf.empty().get(RESERVED, "c")).isZero();
    assertThatThrownBy(() -> CinderConf.parse("[backend_defaults]\nreserved_percentage = x\n").get(RESERVED, "b"))
        .hasMessageContaining("[backend_defaults] reserved_percentage = x: not an integer");
  }

  @Test
  void integersArePythonIntsWithinOslosBounds() {
    assertThat(CinderConf.parse("[DEFAULT]\nreport_interval = 1_000\n").get(REPORT)).isEqualTo(1000);
    assertThat(CinderConf.parse("[DEFAULT]\nreport_interval = -5\n").get(REPORT)).isEqualTo(-5);
    assertThatThrownBy(() -> CinderConf.parse("[DEFAULT]\nreport_interval = 1.5\n").get(REPORT))
        .hasMessage("[DEFAULT] report_interval = 1.5: not an integer");
    assertThatThrownBy(() -> CinderConf.parse("[DEFAULT]\nreport_interval = 99999999999\n").get(REPORT))
        .hasMessageContaining("[DEFAULT] report_interval = 99999999999: out of the range");
    assertThatThrownBy(() -> CinderConf.parse("[x]\nreserved_percentage = 101\n").get(RESERVED, "x"))
        .hasMessage("[x] reserved_percentage = 101: should be less than or equal to 100");
    assertThatThrownBy(() -> CinderConf.parse("[x]\nreserved_percentage = -1\n").get(RESERVED, "x"))
        .hasMessage("[x] reserved_percentage = -1: should be greater than or equal to 0");
  }

  @Test
  void floatsArePythonFloatsWithinBounds() {
    assertThat(CinderConf.parse("[x]\nemulator_create_failure_rate = .25\n").get(RATE, "x")).isEqualTo(0.25);
    assertThat(CinderConf.parse("[x]\nemulator_create_failure_rate = 1\n").get(RATE, "x")).isEqualTo(1.0);
    assertThatThrownBy(() -> CinderConf.parse("[x]\nemulator_create_failure_rate = 0.5f\n").get(RATE, "x"))
        .hasMessage("[x] emulator_create_failure_rate = 0.5f: not a number");
    assertThatThrownBy(() -> CinderConf.parse("[x]\nemulator_create_failure_rate = 1.5\n").get(RATE, "x"))
        .hasMessage("[x] emulator_create_failure_rate = 1.5: should be less than or equal to 1.0");
  }

  @Test
  void listsAndChoices() {
    assertThat(CinderConf.parse("[DEFAULT]\nenabled_backends = a, b,,c\n").get(BACKENDS)).containsExactly("a", "b", "c");
    assertThat(CinderConf.empty().get(BACKENDS)).isNull();
    assertThat(CinderConf.empty().find(BACKENDS)).isEmpty();
    assertThat(CinderConf.parse("[x]\nemulator_data_store = Memory\n").get(STORE, "x")).isEqualTo("Memory");
    assertThatThrownBy(() -> CinderConf.parse("[x]\nemulator_data_store = disk\n").get(STORE, "x"))
        .hasMessage("[x] emulator_data_store = disk: must be one of file, memory");
  }

  @Test
  void placeholdersAndGroupsAreChecked() {
    Opt<Double> perPool = Opt.floating(Opt.BACKEND, "emulator_pool_<pool>_total_capacity_gb", null);
    assertThat(perPool.named("gold").name()).isEqualTo("emulator_pool_gold_total_capacity_gb");
    assertThatThrownBy(() -> CinderConf.empty().get(THIN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CinderConf.empty().get(DEBUG, "lvm")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void docCellsSpellTypeBoundsAndDefault() {
    assertThat(RESERVED.docType()).isEqualTo("integer, 0 to 100");
    assertThat(Opt.integer("DEFAULT", "x", 60, 3, null).docType()).isEqualTo("integer, at least 3");
    assertThat(STORE.docType()).isEqualTo("string: file, memory");
    assertThat(BACKENDS.docDefault()).isEqualTo("none");
    assertThat(Opt.list("DEFAULT", "f", List.of("A", "B")).docDefault()).isEqualTo("A,B");
  }
}
