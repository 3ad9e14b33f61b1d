package org.cinderemu.deploy.chaos.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares what the run saw with what the experiment expects of the mode; one line per check. */
final class Expectations {

  static final String FAILED = "expectation not met: ";

  private Expectations() {
  }

  static List<String> check(ModeExpectation e, Map<String, Long> finals, Map<String, Long> peaks,
      MessageAccounting messages) {
    List<String> out = new ArrayList<>();
    e.finalStates().forEach((state, range) -> out.add(line("final " + state, finals.getOrDefault(state, 0L),
        range)));
    e.peak().forEach((state, range) -> out.add(line("peak " + state, peaks.getOrDefault(state, 0L), range)));
    e.messages().forEach((key, range) -> out.add(line("messages " + key, messages.total(key), range)));
    return out;
  }

  private static String line(String what, double value, Range range) {
    String text = what + " = " + Range.num(value) + " (expected " + range + ")";
    return range.contains(value) ? "met: " + text : FAILED + text;
  }
}
