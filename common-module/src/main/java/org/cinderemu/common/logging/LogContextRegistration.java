package org.cinderemu.common.logging;

import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;

/**
 * Loaded by every Vert.x instance as it boots (META-INF/services), before it sizes its contexts' locals: the
 * point where {@link LogContexts#LOCAL} must already be registered.
 */
public final class LogContextRegistration implements VertxServiceProvider {

  @Override
  public void init(VertxBootstrap builder) {
    if (LogContexts.LOCAL == null) {
      throw new IllegalStateException("log context local not registered");
    }
  }
}
