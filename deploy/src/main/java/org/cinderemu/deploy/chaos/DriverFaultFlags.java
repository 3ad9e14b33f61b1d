package org.cinderemu.deploy.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of {@code chaos driver set} as the {@code PUT /chaos/driver} body of docs/chaos.md; options left out
 * stay out of the body, so the endpoint's own defaults (no fault of that kind) and its checks apply.
 */
final class DriverFaultFlags {

  @Option(names = "--error-rate", paramLabel = "R", description = "share of the operations that fail, 0 to 1")
  Double errorRate;

  @Option(names = "--latency-ms", paramLabel = "MS", description = "latency added to each operation")
  Long latencyMs;

  @Option(names = "--jitter-ms", paramLabel = "MS", description = "± this much, uniformly")
  Long jitterMs;

  @Option(names = "--capacity-exhausted", description = "pools report no free space; creates fail")
  boolean capacityExhausted;

  @Option(names = "--backend-state", paramLabel = "up|down", description = "backend_state in the capability reports")
  String backendState;

  @Option(names = "--operations", split = ",", paramLabel = "OP",
      description = "create_volume, delete_volume, extend_volume, initialize_connection, terminate_connection "
          + "(default: all)")
  List<String> operations;

  JsonObject body() {
    JsonObject body = new JsonObject();
    if (errorRate != null) {
      body.put("error_rate", errorRate);
    }
    if (latencyMs != null) {
      body.put("latency_ms", latencyMs);
    }
    if (jitterMs != null) {
      body.put("jitter_ms", jitterMs);
    }
    if (capacityExhausted) {
      body.put("capacity_exhausted", true);
    }
    if (backendState != null) {
      body.put("backend_state", backendState);
    }
    if (operations != null) {
      body.put("operations", new JsonArray(List.copyOf(operations)));
    }
    return body;
  }
}
