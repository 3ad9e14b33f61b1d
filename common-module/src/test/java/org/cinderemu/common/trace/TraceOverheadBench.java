package org.cinderemu.common.trace;

import io.vertx.core.json.JsonObject;
import org.cinderemu.common.rpc.IncomingMessage;
import org.cinderemu.common.rpc.OutgoingMessage;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcInterceptor;
import org.cinderemu.common.rpc.RpcRequest;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test of speed: prints what the trace interceptor adds to one message on the RPC path (a
 * publish row, and a consume row around a dispatch), buffer appends included, the database write excluded (it runs
 * on a timer, off the path). Run it on purpose:
 * {@code mvn -o -pl common-module verify -Dit.test=TraceOverheadBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TraceOverheadBench {

  @Test
  void costPerMessage() {
    int messages = Integer.getInteger("bench.messages", 20_000);
    int rounds = Integer.getInteger("bench.rounds", 30);
    RequestContext ctx = RequestContext.user("u", "p", RequestContext.newRequestId(), null, null);
    JsonObject args = new JsonObject().put("volume_id", "4f6e2a9c-1111-4222-8333-944455556666");
    long bestWith = Long.MAX_VALUE;
    long bestWithout = Long.MAX_VALUE;
    // rounds alternate, and the fastest of each kind is kept: on a shared machine the minimum is the cost itself
    for (int round = 0; round < rounds; round++) {
      // a buffer large enough that nothing is dropped, no timers: only the path's own work is measured
      TraceRecorder recorder = new TraceRecorder(null, null, new TraceOptions(true, 3 * messages, 24, null),
          "cinder-scheduler", "ctl");
      RpcInterceptor trace = recorder.interceptor();
      long t0 = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        RpcRequest r = RpcRequest.cast(ctx, "create_volume", args, "3.0");
        OutgoingMessage out = new OutgoingMessage("openstack", "cinder-scheduler", r.toInner(), null,
            OutgoingMessage.Kind.CAST);
        trace.beforePublish(out);
        IncomingMessage in = new IncomingMessage("cinder-scheduler", r);
        trace.beforeDispatch(in);
        trace.afterDispatch(in, null);
      }
      bestWith = Math.min(bestWith, System.nanoTime() - t0);
      t0 = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        RpcRequest r = RpcRequest.cast(ctx, "create_volume", args, "3.0");
        new OutgoingMessage("openstack", "cinder-scheduler", r.toInner(), null, OutgoingMessage.Kind.CAST);
        new IncomingMessage("cinder-scheduler", r);
      }
      bestWithout = Math.min(bestWithout, System.nanoTime() - t0);
    }
    System.out.printf("BENCH trace overhead (best of %d rounds of %d messages): %.2f us/message building it, "
            + "%.2f us with its publish and consume rows recorded, so %.2f us per message for tracing%n", rounds,
        messages, bestWithout / 1e3 / messages, bestWith / 1e3 / messages, (bestWith - bestWithout) / 1e3 / messages);
  }
}
