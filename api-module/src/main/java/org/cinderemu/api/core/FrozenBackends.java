package org.cinderemu.api.core;

import io.vertx.core.Future;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.host.HostString;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.api.ServiceTopic;

/**
 * Cinder's {@code assert_not_frozen} (docs/cinder-reference.md §9.3): management operations on a volume whose
 * backend is frozen are refused, the backend being the volume's cluster when it has one, else its service.
 */
final class FrozenBackends {

  static final String REFUSED = "Modification operations are not allowed on frozen storage backends.";

  private FrozenBackends() {
  }

  static Future<Volume> assertNotFrozen(Database db, Volume volume) {
    String binary = ServiceTopic.VOLUME.topic();
    Future<Boolean> frozen = volume.clusterName() != null
        ? db.clusters().find(HostString.extract(volume.clusterName()), binary)
            .map(c -> c.map(x -> x.frozen()).orElse(false))
        : volume.host() == null ? Future.succeededFuture(false)
        : db.services().findByHostAndBinary(HostString.extract(volume.host()), binary)
            .map(s -> s.map(x -> x.frozen()).orElse(false));
    return frozen.compose(f -> f ? Future.failedFuture(ApiException.invalidInput(REFUSED))
        : Future.succeededFuture(volume));
  }
}
