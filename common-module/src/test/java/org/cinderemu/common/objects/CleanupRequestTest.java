package org.cinderemu.common.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import org.cinderemu.common.rpc.api.SchedulerRpcApi.CleanupAnswer;
import org.junit.jupiter.api.Test;

class CleanupRequestTest {

  @Test
  void thePrimitiveIsCindersCleanupRequestAndReadsBack() {
    CleanupRequest r = new CleanupRequest(7, "ha@lvm", "node1@lvm", "cinder-volume", null, false, null, "Volume",
        LocalDateTime.of(2026, 1, 2, 3, 4, 5));

    JsonObject p = r.toPrimitive();

    assertThat(p.getString("versioned_object.name")).isEqualTo("CleanupRequest");
    assertThat(p.getString("versioned_object.version")).isEqualTo("1.0");
    JsonObject d = p.getJsonObject("versioned_object.data");
    assertThat(d.fieldNames()).containsExactly("service_id", "cluster_name", "host", "binary", "is_up", "disabled",
        "resource_id", "resource_type", "until");
    assertThat(d.getBoolean("is_up")).as("Cinder's default").isFalse();
    assertThat(d.getString("until")).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(CleanupRequest.fromPrimitive(p)).isEqualTo(new CleanupRequest(7, "ha@lvm", "node1@lvm",
        "cinder-volume", false, false, null, "Volume", LocalDateTime.of(2026, 1, 2, 3, 4, 5)));
  }

  @Test
  void aClusteredRequestGoesToItsCluster() {
    assertThat(new CleanupRequest(1, "ha@lvm", "n@lvm", null, null, null, null, null, null).serviceTopicQueue())
        .isEqualTo("ha@lvm");
    assertThat(new CleanupRequest(1, null, "n@lvm", null, null, null, null, null, null).serviceTopicQueue())
        .isEqualTo("n@lvm");
  }

  @Test
  void theWorkCleanupReplyIsAPairOfServiceLists() {
    Service a = Service.builder().id(3).host("a@lvm").binary("cinder-volume").clusterName("ha@lvm").build();
    Service b = Service.builder().id(4).host("b@lvm").binary("cinder-volume").build();

    CleanupAnswer back = CleanupAnswer.fromReply(new CleanupAnswer(java.util.List.of(a), java.util.List.of(b))
        .toReply());

    assertThat(back.cleaning()).extracting(Service::id, Service::clusterName).containsExactly(
        org.assertj.core.groups.Tuple.tuple(3, "ha@lvm"));
    assertThat(back.unavailable()).extracting(Service::host).containsExactly("b@lvm");
  }
}
