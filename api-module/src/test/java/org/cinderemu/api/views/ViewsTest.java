package org.cinderemu.api.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinderemu.common.objects.QuotaUsage;
import org.junit.jupiter.api.Test;

class ViewsTest {

  @Test
  void internalStatusesShowAsTheirPublicOnes() {
    assertThat(VolumeView.status("managing")).isEqualTo("creating");
    assertThat(VolumeView.status("error_managing")).isEqualTo("error");
    assertThat(VolumeView.status("error_managing_deleting")).isEqualTo("deleting");
    assertThat(VolumeView.status("available")).isEqualTo("available");
  }

  @Test
  void timesAlwaysCarrySixFractionDigits() {
    assertThat(ApiTimes.format(LocalDateTime.of(2030, 1, 2, 3, 4, 5))).isEqualTo("2030-01-02T03:04:05.000000");
    assertThat(ApiTimes.format(null)).isNull();
  }

  @Test
  void poolsShowNamesOrCapabilitiesWithOneProtocol() {
    JsonArray pools = new JsonArray().add(new JsonObject().put("name", "h@b#p").put("capabilities",
        new JsonObject().put("storage_protocol", new JsonArray().add("FC").add("fibre_channel")).put("x", 1)));

    assertThat(QuotaViews.pools(pools, false)).isEqualTo(new JsonObject().put("pools",
        new JsonArray().add(new JsonObject().put("name", "h@b#p"))));
    JsonObject caps = QuotaViews.pools(pools, true).getJsonArray("pools").getJsonObject(0)
        .getJsonObject("capabilities");
    assertThat(caps).isEqualTo(new JsonObject().put("storage_protocol", "FC").put("x", 1));
    // the scheduler's answer is not modified
    assertThat(pools.getJsonObject(0).getJsonObject("capabilities").getValue("storage_protocol"))
        .isInstanceOf(JsonArray.class);
  }

  @Test
  void limitsMapQuotaResourcesToCinderNames() {
    Map<String, QuotaUsage> usage = new LinkedHashMap<>();
    usage.put("volumes", new QuotaUsage("p", "volumes", 10, 2, 1));
    usage.put("gigabytes", new QuotaUsage("p", "gigabytes", -1, 7, 0));
    usage.put("groups", new QuotaUsage("p", "groups", 10, 0, 0));

    JsonObject absolute = QuotaViews.limits(usage).getJsonObject("limits").getJsonObject("absolute");

    assertThat(absolute).isEqualTo(new JsonObject().put("maxTotalVolumes", 10).put("maxTotalVolumeGigabytes", -1)
        .put("totalVolumesUsed", 2).put("totalGigabytesUsed", 7));
  }

  @Test
  void serviceUpdateBodiesHaveCindersKeys() {
    assertThat(new ArrayList<>(ServiceView.updated("disable", "h", "", "cinder-volume", null).fieldNames()))
        .containsExactly("disabled", "host", "service", "binary", "status");
    assertThat(new ArrayList<>(ServiceView.updated("disable-log-reason", "h", "", "b", "r").fieldNames()))
        .containsExactly("disabled", "disabled_reason", "host", "service", "binary", "status");
    assertThat(ServiceView.updated("enable", "h", "", "b", null).getValue("disabled_reason")).isNull();
  }
}
