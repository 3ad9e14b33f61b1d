package org.cinderemu.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** backup_max_operations: operations beyond the limit wait, in order, and any outcome frees the slot. */
class OperationLimitTest {

  private final List<Promise<String>> started = new ArrayList<>();

  private Future<String> operation() {
    Promise<String> p = Promise.promise();
    started.add(p);
    return p.future();
  }

  @Test
  void theThirdOperationWaitsForASlot() {
    OperationLimit limit = new OperationLimit(2);
    Future<String> a = limit.run(this::operation);
    limit.run(this::operation);
    Future<String> c = limit.run(this::operation);
    assertThat(started).hasSize(2);
    assertThat(limit.waiting()).isEqualTo(1);

    started.get(0).fail("disk full");  // a failure gives its slot back too
    assertThat(a.failed()).isTrue();
    assertThat(started).hasSize(3);
    started.get(2).complete("done");
    assertThat(c.result()).isEqualTo("done");
    started.get(1).complete("done");
    assertThat(limit.running()).isZero();
  }

  @Test
  void zeroIsUnlimited() {
    OperationLimit limit = new OperationLimit(0);
    for (int i = 0; i < 20; i++) {
      limit.run(this::operation);
    }
    assertThat(started).hasSize(20);
  }
}
