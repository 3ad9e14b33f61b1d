package org.cinderemu.common.rpc;

import java.util.Locale;

/**
 * How the RPC layer delivers messages ({@code [oslo_messaging_rabbit] emulator_delivery_mode}, docs/chaos.md
 * "Delivery modes"): {@code oslo} is Cinder's at-most-once (docs/cinder-reference.md §2.3, §2.6); {@code reliable}
 * is at-least-once with handlers made idempotent per request.
 */
public enum DeliveryMode {
  OSLO, RELIABLE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryMode of(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
