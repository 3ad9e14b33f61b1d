package org.cinderemu.volume;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.cinderemu.common.config.CinderConf;

/** Placeholder: one cinder-volume service for one enabled backend. */
public class VolumeVerticle extends VerticleBase {
  private final CinderConf conf;
  private final String backend;

  public VolumeVerticle(CinderConf conf, String backend) {
    this.conf = conf;
    this.backend = backend;
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
