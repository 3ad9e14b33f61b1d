package org.cinderemu.common.chaos;

import io.vertx.ext.web.Router;

/**
 * One group of fault controls a service process offers on its admin endpoint, under {@code /chaos/<name>/}
 * (docs/chaos.md): message rules, driver faults, database faults, the broker connection. Bodies reach the
 * group's routes already read and bounded ({@link ChaosControl#BODY_LIMIT_BYTES}).
 */
public interface FaultControls {

  /** The path segment, e.g. {@code rules}: one group of a name per process. */
  String name();

  /** Adds the group's routes to {@code router}, each path starting with {@code base} ({@code /chaos/<name>}). */
  void mount(Router router, String base);
}
