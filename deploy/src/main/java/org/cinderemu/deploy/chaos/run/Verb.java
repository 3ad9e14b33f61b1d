package org.cinderemu.deploy.chaos.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The fault verbs an action may name (docs/chaos.md "Experiments"). A verb that starts a fault opens a window on the
 * report's chart on its target; the verb that ends it ({@link #ends}) closes it; a timed fault (freeze) closes its
 * own window.
 */
public enum Verb {
  KILL(true), TERMINATE(true), FREEZE(true), THAW(false), RESTART(false),
  RULES_ADD(true), RULES_CLEAR(false),
  CONNECTION_CLOSE(false),
  BROKER_STOP(true), BROKER_START(false),
  PROXY_TOXIC(true), PROXY_CLEAR(false),
  DRIVER_FAULT(true), DRIVER_CLEAR(false),
  DB_STALL(false), DB_DISCONNECT(false),
  QUEUE_DELETE(true),
  UPDATE_HOST(false),
  WORKERS_CLEANUP(false),
  SERVICE_FREEZE(false), SERVICE_THAW(false),
  DELETE_VOLUMES(false);

  private final boolean opensWindow;

  Verb(boolean opensWindow) {
    this.opensWindow = opensWindow;
  }

  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Verb> parse(String s) {
    return Arrays.stream(values()).filter(v -> v.fileName().equals(s)).findFirst();
  }

  /** Whether this verb starts a fault that lasts until another action (or, for freeze, its own end). */
  public boolean opensWindow() {
    return opensWindow;
  }

  /** Whether this verb ends a window {@code opener} opened on the same target. */
  public boolean ends(Verb opener) {
    return switch (opener) {
      case KILL, TERMINATE -> this == RESTART;
      case FREEZE -> this == THAW;
      case RULES_ADD -> this == RULES_CLEAR;
      case BROKER_STOP -> this == BROKER_START || this == RESTART;
      case PROXY_TOXIC -> this == PROXY_CLEAR;
      case DRIVER_FAULT -> this == DRIVER_CLEAR;
      case QUEUE_DELETE -> this == RESTART;
      default -> false;
    };
  }
}
