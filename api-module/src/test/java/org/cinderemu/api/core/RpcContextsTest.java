package org.cinderemu.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.common.rpc.RequestContext;
import org.junit.jupiter.api.Test;

class RpcContextsTest {

  @Test
  void theCallerTravelsWithItsRequestIdAndArrivalTime() {
    ApiContext api = new ApiContext("alice", "p1", true, List.of("admin"), "req-1", "10.0.0.1", "alice:p1",
        ApiVersion.MIN, Instant.parse("2030-01-02T03:04:05.000007Z"));

    RequestContext rpc = RpcContexts.from(api);

    assertThat(rpc.userId()).isEqualTo("alice");
    assertThat(rpc.projectId()).isEqualTo("p1");
    assertThat(rpc.isAdmin()).isTrue();
    assertThat(rpc.roles()).containsExactly("admin");
    assertThat(rpc.requestId()).isEqualTo("req-1");
    assertThat(rpc.authToken()).isEqualTo("alice:p1");
    assertThat(rpc.remoteAddress()).isEqualTo("10.0.0.1");
    assertThat(rpc.readDeleted()).isEqualTo("no");
    assertThat(rpc.timestamp()).isEqualTo("2030-01-02T03:04:05.000007");
    assertThat(rpc.toDict().getString("user_identity")).isEqualTo("alice p1 - - -");
  }
}
