package org.cinderemu.common.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cinderemu.common.host.HostString.Level;
import org.junit.jupiter.api.Test;

class HostStringTest {

  @Test
  void extractLevelsOfTheDocstringExample() {
    String host = "HostA@BackendB#PoolC";
    assertThat(HostString.extract(host, Level.HOST)).isEqualTo("HostA");
    assertThat(HostString.extract(host, Level.BACKEND)).isEqualTo("HostA@BackendB");
    assertThat(HostString.extract(host)).isEqualTo("HostA@BackendB");
    assertThat(HostString.extract(host, Level.POOL)).isEqualTo("PoolC");
    assertThat(HostString.extract("HostX@BackendY", Level.POOL)).isNull();
    assertThat(HostString.extract("HostX@BackendY", Level.POOL, true)).isEqualTo("_pool0");
  }

  @Test
  void extractTheSeedLabHostFields() {
    String lvm = "maqi-openstack.novalocal@lvmdriver-1#lvmdriver-1";
    String other = "maqi-openstack.novalocal@whatever_it_is#new_lvm_backend";
    assertThat(HostString.extract(lvm, Level.HOST)).isEqualTo("maqi-openstack.novalocal");
    assertThat(HostString.extract(other, Level.HOST)).isEqualTo("maqi-openstack.novalocal");
    assertThat(HostString.extract(other)).isEqualTo("maqi-openstack.novalocal@whatever_it_is");
    assertThat(HostString.extract(other, Level.POOL)).isEqualTo("new_lvm_backend");
  }

  @Test
  void bareHostAtEveryLevel() {
    assertThat(HostString.extract("node1", Level.HOST)).isEqualTo("node1");
    assertThat(HostString.extract("node1", Level.BACKEND)).isEqualTo("node1");
    assertThat(HostString.extract("node1", Level.POOL)).isNull();
    assertThat(HostString.extract("node1", Level.POOL, true)).isEqualTo("_pool0");
  }

  @Test
  void nullHostIsAnInvalidVolume() {
    assertThatThrownBy(() -> HostString.extract(null, Level.HOST))
        .isInstanceOf(HostString.InvalidHostException.class)
        .hasMessageContaining("not assigned to a host");
  }

  @Test
  void appendKeepsHostWhenEitherSideIsEmpty() {
    assertThat(HostString.append("node1@lvm", "lvm")).isEqualTo("node1@lvm#lvm");
    assertThat(HostString.append("node1@lvm", null)).isEqualTo("node1@lvm");
    assertThat(HostString.append("node1@lvm", "")).isEqualTo("node1@lvm");
    assertThat(HostString.append(null, "p")).isNull();
  }

  @Test
  void equivalentComparesBackends() {
    assertThat(HostString.equivalent("node1@lvm#a", "node1@lvm#b")).isTrue();
    assertThat(HostString.equivalent("node1@lvm", "node1@lvm#b")).isTrue();
    assertThat(HostString.equivalent("node1@lvm", "node2@lvm")).isFalse();
    assertThat(HostString.equivalent(null, null)).isTrue();
    assertThat(HostString.equivalent("node1", null)).isFalse();
  }

  @Test
  void dbMatchingLevels() {
    assertThat(HostString.matches("node1@lvm#p1", "node1@lvm#p1")).isTrue();
    assertThat(HostString.matches("node1@lvm#p1", "node1@lvm#p2")).isFalse();
    assertThat(HostString.matches("node1@lvm", "node1@lvm#p2")).isTrue();
    assertThat(HostString.matches("node1@lvm", "node1@lvm2#p2")).isFalse();
    assertThat(HostString.matches("node1", "node1@lvm#p")).isTrue();
    assertThat(HostString.matches("node1", "node10@lvm#p")).isFalse();
    assertThat(HostString.matches("node1", "node1#p")).isTrue();
  }

  @Test
  void malformedStringsGetClearErrors() {
    assertThat(HostString.validate("node1@lvm#p")).isEqualTo("node1@lvm#p");
    assertThatThrownBy(() -> HostString.validate("a@b@c"))
        .hasMessageContaining("not of the form host[@backend][#pool]");
    assertThatThrownBy(() -> HostString.validate("a#b#c")).hasMessageContaining("'a#b#c'");
    assertThatThrownBy(() -> HostString.validate("a b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HostString.validate("")).hasMessageContaining("empty");
  }
}
