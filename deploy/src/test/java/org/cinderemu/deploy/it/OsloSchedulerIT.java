package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.cinderemu.common.testing.PythonPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real oslo.messaging 14 client (Debian's) asks our scheduler for its pools, as cinder-api would. */
class OsloSchedulerIT {

  static Lab lab;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    lab.volume("lvmdriver-1");
    lab.volume("whatever_it_is");
    lab.scheduler();
  }

  @AfterAll
  static void stop() throws Exception {
    lab.close();
  }

  @Test
  void pythonGetPoolsSeesBothBackends() throws Exception {
    String out;
    try (PythonPeer peer = PythonPeer.start("rpc_call.py", lab.broker.transportUrl(), "openstack",
        "cinder-scheduler", "-", "3.0", "get_pools", "{\"filters\": null}", "30")) {
      out = peer.nextLine(60);
    }
    JsonArray pools = new JsonArray(out);
    assertThat(pools.stream().map(p -> ((JsonObject) p).getString("name")))
        .containsExactlyInAnyOrder(lab.host + "@lvmdriver-1#lvmdriver-1",
            lab.host + "@whatever_it_is#new_lvm_backend");
    JsonObject caps = pools.getJsonObject(0).getJsonObject("capabilities");
    assertThat(caps.getValue("total_capacity_gb")).isEqualTo(1000);
    assertThat(caps.getString("storage_protocol")).isEqualTo("local");
    assertThat(caps.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
  }

  @Test
  void pythonGetPoolsWithAFilter() throws Exception {
    String out;
    try (PythonPeer peer = PythonPeer.start("rpc_call.py", lab.broker.transportUrl(), "openstack",
        "cinder-scheduler", "-", "3.0", "get_pools",
        "{\"filters\": {\"volume_backend_name\": \"new_lvm_backend\"}}", "30")) {
      out = peer.nextLine(60);
    }
    JsonArray pools = new JsonArray(out);
    assertThat(pools).hasSize(1);
    assertThat(pools.getJsonObject(0).getString("name")).isEqualTo(lab.host + "@whatever_it_is#new_lvm_backend");
  }
}
