package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What one delivery mode is expected to show (docs/chaos.md "Experiments"): requests by final state
 * ({@code final}), the peak count of requests in a state during the run ({@code peak}), message accounting
 * ({@code messages}: lost, duplicated, dropped, timeouts, errors), and the invariants this mode is allowed to break
 * (what real Cinder suffers, shown rather than hidden). {@code shows} says it in words for the report.
 */
public record ModeExpectation(
    String shows,
    @JsonProperty("final") Map<String, Range> finalStates,
    Map<String, Range> peak,
    Map<String, Range> messages,
    @JsonProperty("tolerated_invariants") List<String> toleratedInvariants) {

  public ModeExpectation {
    finalStates = finalStates == null ? Map.of() : Map.copyOf(finalStates);
    peak = peak == null ? Map.of() : Map.copyOf(peak);
    messages = messages == null ? Map.of() : Map.copyOf(messages);
    toleratedInvariants = toleratedInvariants == null ? List.of() : List.copyOf(toleratedInvariants);
  }

  static final ModeExpectation NONE = new ModeExpectation(null, null, null, null, null);
}
