package org.cinderemu.common.metrics;

import java.util.regex.Pattern;

/**
 * Queue and routing-key names as label values: the random part of reply and fanout queues ({@code reply_<hex>},
 * {@code T_fanout_<hex>}, docs/cinder-reference.md §2.2) is dropped, so a restart does not start new series.
 */
final class QueueNames {

  private static final Pattern REPLY = Pattern.compile("^reply_[0-9a-f]+$");
  private static final Pattern FANOUT = Pattern.compile("^(.+_fanout)_[0-9a-f]+$");

  private QueueNames() {
  }

  static String stable(String name) {
    if (name == null || name.isEmpty()) {
      return "(none)";
    }
    if (REPLY.matcher(name).matches()) {
      return "reply";
    }
    var fanout = FANOUT.matcher(name);
    return fanout.matches() ? fanout.group(1) : name;
  }
}
