package org.cinderemu.scheduler;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.cinderemu.common.config.CinderConf;

/** Placeholder: wired up by its issue. */
public class SchedulerVerticle extends VerticleBase {
  private final CinderConf conf;

  public SchedulerVerticle(CinderConf conf) {
    this.conf = conf;
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
