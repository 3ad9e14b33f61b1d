package org.cinderemu.common.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DataConnectionInfoTest {

  private static final String VOLUME = "48244dcc-0662-410b-9124-77aa7fd73d45";

  @Test
  void isCinderShapedAndRoundTrips() {
    DataConnectionInfo info = new DataConnectionInfo("http://10.0.0.5:8777/volumes/" + VOLUME, "tok", VOLUME,
        1L << 30, null);
    JsonObject json = info.toJson();

    assertThat(json.getString("driver_volume_type")).isEqualTo("emulator_http");
    JsonObject data = json.getJsonObject("data");
    assertThat(data.fieldNames()).containsExactlyInAnyOrder("url", "token", "volume_id", "size_bytes",
        "access_mode", "encrypted", "cacheable", "qos_specs");
    assertThat(data.getString("access_mode")).isEqualTo("rw");
    assertThat(data.getBoolean("encrypted")).isFalse();
    assertThat(data.containsKey("qos_specs")).isTrue();
    assertThat(data.getValue("qos_specs")).isNull();
    // what crosses the broker is JSON text
    assertThat(DataConnectionInfo.fromJson(new JsonObject(json.encode()))).isEqualTo(info);
  }

  @Test
  void refusesOtherDriverTypesAndIncompleteData() {
    JsonObject local = new JsonObject().put("driver_volume_type", "local")
        .put("data", new JsonObject().put("device_path", "/srv/realcinder/devs/volume-" + VOLUME));
    assertThatThrownBy(() -> DataConnectionInfo.fromJson(local))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'local'");

    JsonObject noToken = new DataConnectionInfo("http://h:1/volumes/" + VOLUME, "t", VOLUME, 1, "rw").toJson();
    noToken.getJsonObject("data").remove("token");
    assertThatThrownBy(() -> DataConnectionInfo.fromJson(noToken)).hasMessageContaining("data.token");
  }

  @Test
  void refusesUnsafeVolumeIdsAndKeepsTheTokenOutOfToString() {
    assertThatThrownBy(() -> new DataConnectionInfo("http://h:1/volumes/x", "t", "../etc", 1, "rw"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DataProtocol.isValidVolumeId("a/b")).isFalse();
    assertThat(DataProtocol.isValidVolumeId(VOLUME)).isTrue();
    assertThat(new DataConnectionInfo("http://h:1/volumes/v", "secret-token", "v", 1, "rw").toString())
        .doesNotContain("secret-token");
  }
}
