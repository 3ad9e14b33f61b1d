package org.cinderemu.deploy.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.cinderemu.common.objects.Service;
import org.junit.jupiter.api.Test;

/** Which process serves a row, which queues a deployment has, and what status prints. */
class StatusReportTest {

  static StackReport.Process proc(String name, long pid) {
    return new StackReport.Process(name, OptionalLong.of(pid), true, true, "http://127.0.0.1:" + (40000 + pid));
  }

  static Service row(String binary, String host) {
    return Service.builder().binary(binary).host(host).topic(binary).build();
  }

  @Test
  void aRowBelongsToItsHostsChildElseToThePlainBinaryElseToTheInProcessChild() {
    List<StackReport.Process> topology = List.of(proc("cinder-scheduler", 1), proc("cinder-volume@node2", 2),
        proc("cinder-volume", 3));
    assertThat(ProcessOfService.of("cinder-volume", "node2@b1", topology)).map(StackReport.Process::name)
        .contains("cinder-volume@node2");
    assertThat(ProcessOfService.of("cinder-volume", "vm@lvmdriver-1", topology)).map(StackReport.Process::name)
        .contains("cinder-volume");
    assertThat(ProcessOfService.of("cinder-backup", "vm", topology)).isEmpty();
    assertThat(ProcessOfService.of("cinder-backup", "vm", List.of(proc("cinder-services", 9))))
        .map(StackReport.Process::name).contains("cinder-services");
  }

  @Test
  void theNamedQueuesOfEachServerAsCinderDeclaresThem() {
    assertThat(StackQueues.namesFor(List.of(row("cinder-scheduler", "ctl"), row("cinder-volume", "node1@lvm"),
        row("cinder-volume", "node1@ceph"), row("cinder-backup", "node1"))))
        .containsExactly("cinder-scheduler", "cinder-scheduler.ctl",
            "cinder-volume", "cinder-volume.node1@lvm", "cinder-volume.node1@lvm.node1",
            "cinder-volume.node1@ceph", "cinder-volume.node1@ceph.node1",
            "cinder-backup", "cinder-backup.node1");
  }

  static StackReport report() {
    return new StackReport(List.of(proc("cinder-volume", 7), new StackReport.Process("cinder-backup",
        OptionalLong.empty(), false, false, null)),
        List.of(new StackReport.ServiceState("cinder-volume", "vm@lvm", "nova", "enabled", "up",
            "2026-12-02T01:00:00", OptionalLong.of(7), "http://127.0.0.1:40007")),
        List.of(new StackReport.QueueState("cinder-volume.vm@lvm.vm", 2, null, 1)),
        Map.of("available", 3L, "error", 1L), Map.of(), List.of("broker down"));
  }

  @Test
  void jsonHasWhatScriptsReadForEachService() {
    JsonObject json = ReportPrinter.json(report());
    JsonObject service = json.getJsonArray("services").getJsonObject(0);
    assertThat(service.getString("binary")).isEqualTo("cinder-volume");
    assertThat(service.getString("host")).isEqualTo("vm@lvm");
    assertThat(service.getString("state")).isEqualTo("up");
    assertThat(service.getLong("pid")).isEqualTo(7);
    assertThat(service.getString("metrics_url")).isEqualTo("http://127.0.0.1:40007/metrics");
    assertThat(json.getJsonArray("queues").getJsonObject(0).getMap())
        .containsEntry("ready", 2L).containsEntry("consumers", 1).containsEntry("unacked", null);
    assertThat(json.getJsonObject("volumes").getMap()).containsEntry("available", 3L).containsEntry("error", 1L);
    assertThat(json.getJsonArray("processes").getJsonObject(1).getValue("pid")).isNull();
    assertThat(json.getJsonArray("problems").getList()).containsExactly("broker down");
  }

  @Test
  void textHasAProcessLineEachThenTheBlocks() {
    StringWriter s = new StringWriter();
    ReportPrinter.print(report(), false, new PrintWriter(s));
    List<String> lines = s.toString().lines().toList();
    assertThat(lines.get(0)).matches("cinder-volume +pid 7 +running +ready +admin http://127.0.0.1:40007");
    assertThat(lines.get(1)).matches("cinder-backup +pid - +not running +not ready");
    assertThat(s.toString()).contains("services:", "queues:", "cinder-volume.vm@lvm.vm", "volumes: available 3, error 1",
        "backups: none", "! broker down");
    assertThat(report().allReady()).isFalse();
  }
}
