package org.cinderemu.api.core;

import io.vertx.core.Future;
import java.util.List;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Cluster;

/** The clusters API (cinder/api/v3/clusters.py, 3.7): listing with members' state, enable and disable. */
public final class ClustersApi {

  private final Database db;
  private final ApiEnvironment env;

  public ClustersApi(ApiEnvironment env) {
    this.env = env;
    this.db = env.db();
  }

  public Future<List<Cluster>> list(String name, String binary) {
    return db.clusters().list(name, binary, env.options().serviceDownTime());
  }

  /** One cluster by name and binary; 404 {@code Cluster <name> could not be found.} otherwise. */
  public Future<Cluster> get(String name, String binary) {
    return list(name, binary).compose(found -> found.isEmpty()
        ? Future.failedFuture(ApiException.notFound("Cluster " + name + " could not be found."))
        : Future.succeededFuture(found.get(0)));
  }

  /**
   * Enables or disables the cluster, writing the reason (null clears it). A disabled cluster takes its
   * members out of scheduling, whatever each member's own row says (docs/cinder-reference.md §9.2).
   */
  public Future<Cluster> setDisabled(String name, String binary, boolean disabled, String reason) {
    return get(name, binary).compose(c -> db.clusters().setDisabled(c.id(), disabled, reason))
        .compose(ok -> get(name, binary));
  }
}
