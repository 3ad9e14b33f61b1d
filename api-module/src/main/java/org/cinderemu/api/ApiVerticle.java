package org.cinderemu.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.cinderemu.common.config.CinderConf;

/** Placeholder: wired up by its issue. */
public class ApiVerticle extends VerticleBase {
  private final CinderConf conf;

  public ApiVerticle(CinderConf conf) {
    this.conf = conf;
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
