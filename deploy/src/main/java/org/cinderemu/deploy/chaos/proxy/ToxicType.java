package org.cinderemu.deploy.chaos.proxy;

import java.util.Arrays;
import java.util.List;

/**
 * The toxics of the chaos proxy, Toxiproxy's names and attributes (docs/chaos.md "Broker faults"); every attribute
 * is a whole, non-negative number, milliseconds except bandwidth's {@code rate} in KB/s.
 */
public enum ToxicType {
  /** Each piece of data waits {@code latency} ± {@code jitter} ms (order kept). */
  LATENCY("latency", List.of("latency", "jitter")),
  /** At most {@code rate} KB/s. */
  BANDWIDTH("bandwidth", List.of("rate")),
  /** No data passes; the connection is closed after {@code timeout} ms (0: never, until the toxic goes). */
  TIMEOUT("timeout", List.of("timeout")),
  /** The connection is reset (TCP RST) after {@code timeout} ms. */
  RESET_PEER("reset_peer", List.of("timeout")),
  /** A close goes on {@code delay} ms late. */
  SLOW_CLOSE("slow_close", List.of("delay"));

  private final String wireName;
  private final List<String> attributes;

  ToxicType(String wireName, List<String> attributes) {
    this.wireName = wireName;
    this.attributes = attributes;
  }

  public String wireName() {
    return wireName;
  }

  public List<String> attributes() {
    return attributes;
  }

  public static ToxicType parse(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown toxic type '" + name + "'; one of "
            + Arrays.stream(values()).map(ToxicType::wireName).toList()));
  }
}
