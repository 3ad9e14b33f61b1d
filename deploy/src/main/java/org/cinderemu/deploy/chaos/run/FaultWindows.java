package org.cinderemu.deploy.chaos.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The time each fault lasted: from the action that started it to the later action that ended it on the same target
 * (a restart after a kill, rules_clear after rules_add: {@link Verb#ends}), a freeze to its own end; a fault never
 * ended lasts to the end of the run.
 */
final class FaultWindows {

  private FaultWindows() {
  }

  static List<Journal.FaultEvent> close(List<Journal.FaultEvent> events, long runEnd) {
    List<Journal.FaultEvent> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Journal.FaultEvent e = events.get(i);
      Verb v = Verb.parse(e.verb()).orElse(null);
      Long end = null;
      if (v != null && v.opensWindow() && e.ok()) {
        end = v == Verb.FREEZE ? e.endMs() : runEnd;
        for (int j = i + 1; j < events.size(); j++) {
          Journal.FaultEvent later = events.get(j);
          Verb lv = Verb.parse(later.verb()).orElse(null);
          if (lv != null && lv.ends(v) && sameTarget(e.target(), later.target())) {
            end = later.endMs();
            break;
          }
        }
      }
      out.add(new Journal.FaultEvent(e.name(), e.phase(), e.verb(), e.target(), e.startMs(), e.endMs(), end, e.ok(),
          e.detail()));
    }
    return out;
  }

  private static boolean sameTarget(String a, String b) {
    return a == null ? b == null || b.equals("*") : a.equals(b) || "*".equals(b);
  }

  /**
   * From the first fault to the moment the last request of the load settled (or the last rollback ended, if later);
   * null without a fault.
   */
  static Long recoveryMs(List<Journal.FaultEvent> events, List<TrackedRequest.Outcome> outcomes,
      List<Sampler.Sample> samples) {
    Long first = events.stream().filter(e -> Verb.parse(e.verb()).isPresent() && e.ok())
        .map(Journal.FaultEvent::startMs).min(Long::compare).orElse(null);
    if (first == null) {
      return null;
    }
    long settled = outcomes.stream().filter(o -> o.phase().equals("load") && o.terminalMs() != null)
        .mapToLong(TrackedRequest.Outcome::terminalMs).max().orElse(first);
    if (outcomes.stream().anyMatch(o -> o.accepted() && o.terminalMs() == null)) {
      return null;  // never recovered within the run
    }
    long upAgain = settled;
    for (Sampler.Sample s : samples) {
      if (s.t() >= settled && s.servicesDown() != null && s.servicesDown() == 0) {
        upAgain = s.t();
        break;
      }
    }
    return Math.max(settled, upAgain) - first;
  }
}
