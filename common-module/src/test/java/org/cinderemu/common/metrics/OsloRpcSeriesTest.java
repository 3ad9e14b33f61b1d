package org.cinderemu.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.cinderemu.common.rpc.IncomingMessage;
import org.cinderemu.common.rpc.MessagingTimeout;
import org.cinderemu.common.rpc.RemoteError;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcInvocation;
import org.cinderemu.common.rpc.RpcRequest;
import org.cinderemu.common.rpc.Target;
import org.junit.jupiter.api.Test;

/** oslo.metrics' names, label names and label values, as a scrape shows them. */
class OsloRpcSeriesTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final OsloRpcSeries series = new OsloRpcSeries(registry, "cinder-scheduler", "SchedulerManager");

  @Test
  void aCastToABackendCarriesOslosClientLabels() {
    RpcInvocation cast = new RpcInvocation(Target.server("cinder-volume.h@lvm", "h").withVersion("3.0"),
        "create_volume", RpcInvocation.CallType.CAST);
    series.clientStarted(cast);
    series.clientEnded(cast, 2_000_000, null);
    String labels = "{call_type=\"cast\",exchange=\"None\",fanout=\"None\",method=\"create_volume\","
        + "namespace=\"None\",process=\"cinder-scheduler\",server=\"h\",timeout=\"None\",topic=\"cinder-volume.h@lvm\","
        + "version=\"3.0\"}";
    assertThat(registry.scrape()).contains(
        "oslo_messaging_rpc_client_invocation_start_total" + labels + " 1.0",
        "oslo_messaging_rpc_client_invocation_end_total" + labels + " 1.0",
        "oslo_messaging_rpc_client_processing_seconds_count" + labels + " 1",
        "# TYPE oslo_messaging_rpc_client_processing_seconds histogram")
        .doesNotContain("oslo_messaging_rpc_client_exception_total{");
  }

  @Test
  void aTimedOutCallCountsAnExceptionNamedAsOsloNamesIt() {
    RpcInvocation call = new RpcInvocation(Target.topic("cinder-scheduler").withVersion("3.0"), "get_pools",
        RpcInvocation.CallType.CALL);
    series.clientStarted(call);
    series.clientEnded(call, 1, new MessagingTimeout("Timed out"));
    assertThat(registry.scrape()).contains("exception=\"MessagingTimeout\"", "server=\"None\"", "call_type=\"call\"",
        "oslo_messaging_rpc_client_invocation_end_total{call_type=\"call\"");
  }

  @Test
  void aFanoutCastSaysTrue() {
    series.clientStarted(new RpcInvocation(Target.topic("cinder-scheduler").asFanout(),
        "update_service_capabilities", RpcInvocation.CallType.CAST));
    assertThat(registry.scrape()).contains("fanout=\"True\"");
  }

  @Test
  void theServerSideCarriesTheEndpointAndTheRemoteExceptionClass() {
    RpcRequest request = RpcRequest.cast(RequestContext.admin(), "create_volume", new JsonObject(), "3.0");
    IncomingMessage in = new IncomingMessage("cinder-scheduler", request);
    Target server = Target.server("cinder-scheduler", "h");
    series.serverStarted(server, in);
    series.serverEnded(server, in, 5_000_000, RemoteError.cinder("NoValidBackend", "none", 500));
    String labels = "{endpoint=\"SchedulerManager\",exchange=\"None\",method=\"create_volume\",namespace=\"None\","
        + "process=\"cinder-scheduler\",server=\"h\",topic=\"cinder-scheduler\",version=\"3.0\"}";
    assertThat(registry.scrape()).contains(
        "oslo_messaging_rpc_server_invocation_start_total" + labels + " 1.0",
        "oslo_messaging_rpc_server_invocation_end_total" + labels + " 1.0",
        "oslo_messaging_rpc_server_exception_total{endpoint=\"SchedulerManager\",exception=\"NoValidBackend\"",
        "oslo_messaging_rpc_server_processing_seconds_bucket{endpoint=\"SchedulerManager\"");
  }

  @Test
  void theBucketsAreOslos() {
    RpcInvocation cast = new RpcInvocation(Target.topic("t"), "m", RpcInvocation.CallType.CAST);
    series.clientEnded(cast, 1, null);
    String text = registry.scrape();
    for (String le : new String[] {"0.01", "0.025", "0.075", "2.5", "75.0", "100.0", "+Inf"}) {
      assertThat(text).contains("le=\"" + le + "\"");
    }
  }

  @Test
  void randomQueueSuffixesAreDropped() {
    assertThat(QueueNames.stable("reply_0123abcd")).isEqualTo("reply");
    assertThat(QueueNames.stable("cinder-volume_fanout_9f8e")).isEqualTo("cinder-volume_fanout");
    assertThat(QueueNames.stable("cinder-volume.h@lvm.h")).isEqualTo("cinder-volume.h@lvm.h");
    assertThat(QueueNames.stable("")).isEqualTo("(none)");
  }
}
