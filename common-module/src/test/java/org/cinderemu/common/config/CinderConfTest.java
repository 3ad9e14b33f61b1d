package org.cinderemu.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CinderConfTest {

  private static final String SEED = String.join("\n",
      "[DEFAULT]",
      "host = maqi-openstack.novalocal",
      "transport_url = rabbit://guest:guest@127.0.0.1:5672/",
      "# a comment",
      "enabled_backends = lvmdriver-1, whatever_it_is",
      "report_interval: 5",
      "debug = True",
      "",
      "[lvmdriver-1]",
      "volume_backend_name = lvmdriver-1",
      "[whatever_it_is]",
      "volume_backend_name = new_lvm_backend",
      "[backend_defaults]",
      "reserved_percentage = 5",
      "[database]",
      "connection = mysql+pymysql://root:secret@127.0.0.1/cinder?charset=utf8",
      "");

  @Test
  void readsTheSeedLab() {
    CinderConf conf = CinderConf.parse(SEED);
    assertThat(conf.getDefault("host", null)).isEqualTo("maqi-openstack.novalocal");
    assertThat(conf.getDefault("transport_url", null)).isEqualTo("rabbit://guest:guest@127.0.0.1:5672/");
    assertThat(conf.getList("DEFAULT", "enabled_backends", List.of())).containsExactly("lvmdriver-1", "whatever_it_is");
    assertThat(conf.getInt("DEFAULT", "report_interval", 10)).isEqualTo(5);
    assertThat(conf.getBool("DEFAULT", "debug", false)).isTrue();
    assertThat(conf.get("whatever_it_is", "volume_backend_name", null)).isEqualTo("new_lvm_backend");
    assertThat(conf.backendOption("whatever_it_is", "reserved_percentage")).contains("5");
    assertThat(conf.get("database", "connection", null)).startsWith("mysql+pymysql://");
    assertThat(conf.getInt("DEFAULT", "service_down_time", 60)).isEqualTo(60);
  }

  @Test
  void roundTripsThroughIni() {
    CinderConf conf = CinderConf.parse(SEED).with("DEFAULT", "host", "other");
    CinderConf again = CinderConf.parse(conf.toIni());
    assertThat(again.getDefault("host", null)).isEqualTo("other");
    assertThat(again.section("lvmdriver-1")).isEqualTo(conf.section("lvmdriver-1"));
  }

  @Test
  void continuationLinesJoinWithNewlines() {
    CinderConf conf = CinderConf.parse("[DEFAULT]\nmulti = a\n  b\n");
    assertThat(conf.getDefault("multi", null)).isEqualTo("a\nb");
  }

  @Test
  void badLinesNameTheLine() {
    assertThatThrownBy(() -> CinderConf.parse("host = x"))
        .isInstanceOf(CinderConf.ConfigException.class).hasMessageContaining(":1: option outside any [section]");
    assertThatThrownBy(() -> CinderConf.parse("[DEFAULT]\nnot an option"))
        .hasMessageContaining(":2: expected 'name = value'");
    assertThatThrownBy(() -> CinderConf.parse("[DEFAULT\n")).hasMessageContaining("malformed section header");
    assertThatThrownBy(() -> CinderConf.parse("[DEFAULT]\nreport_interval = ten").getInt("DEFAULT", "report_interval", 1))
        .hasMessage("[DEFAULT] report_interval = ten: not an integer");
  }
}
