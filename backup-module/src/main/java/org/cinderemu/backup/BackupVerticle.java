package org.cinderemu.backup;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.cinderemu.common.config.CinderConf;

/** Placeholder: wired up by its issue. */
public class BackupVerticle extends VerticleBase {
  private final CinderConf conf;

  public BackupVerticle(CinderConf conf) {
    this.conf = conf;
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
