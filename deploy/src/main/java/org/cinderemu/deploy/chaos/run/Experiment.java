package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One experiment file (docs/chaos.md "Experiments"), in Chaos Toolkit's shape: a steady-state hypothesis checked
 * before and after, a method of actions and pauses, rollbacks; plus the load it runs under, what each delivery mode
 * is expected to show, the stack it wants when the run starts its own, and its short form for the test suite.
 */
public record Experiment(
    String title,
    String description,
    List<String> tags,
    StackSpec stack,
    LoadSpec load,
    @JsonProperty("steady-state-hypothesis") Hypothesis steadyStateHypothesis,
    List<Activity> method,
    List<Activity> rollbacks,
    Map<String, ModeExpectation> expect,
    @JsonProperty("short") ShortForm shortForm) {

  public Experiment {
    tags = tags == null ? List.of() : List.copyOf(tags);
    stack = stack == null ? StackSpec.DEFAULT : stack;
    load = load == null ? LoadSpec.NONE : load;
    steadyStateHypothesis = steadyStateHypothesis == null ? new Hypothesis("nothing checked", List.of())
        : steadyStateHypothesis;
    method = method == null ? List.of() : List.copyOf(method);
    rollbacks = rollbacks == null ? List.of() : List.copyOf(rollbacks);
    expect = expect == null ? Map.of() : Map.copyOf(expect);
  }

  /** The steady state: every probe within its tolerance. */
  public record Hypothesis(String title, List<Probe> probes) {
    public Hypothesis {
      probes = probes == null ? List.of() : List.copyOf(probes);
    }
  }

  /** What the run asks of {@code up} when it starts its own stack: extra arguments and cinder.conf options. */
  public record StackSpec(@JsonProperty("up_args") List<String> upArgs, Map<String, Map<String, String>> conf) {
    static final StackSpec DEFAULT = new StackSpec(List.of(), Map.of());

    public StackSpec {
      upArgs = upArgs == null ? List.of() : List.copyOf(upArgs);
      conf = conf == null ? Map.of() : Map.copyOf(conf);
    }
  }

  /** The expectation for {@code mode}, if the experiment states one. */
  public Optional<ModeExpectation> expectationFor(String mode) {
    return Optional.ofNullable(expect.get(mode));
  }

  /** The short form: fewer requests, pauses and fault durations scaled down (the test suite runs this). */
  public Experiment shortened() {
    if (shortForm == null) {
      return this;
    }
    double k = shortForm.pauseScale() == null ? 1.0 : shortForm.pauseScale();
    return new Experiment(title + " (short)", description, tags, stack, load.shortened(shortForm),
        steadyStateHypothesis, method.stream().map(a -> a.scaled(k)).toList(),
        rollbacks.stream().map(a -> a.scaled(k)).toList(), expect, null);
  }

  /** The short form's overrides. */
  public record ShortForm(Integer volumes, Integer concurrency, Integer backups,
      @JsonProperty("baseline_volumes") Integer baselineVolumes,
      @JsonProperty("pause_scale") Double pauseScale) {
  }
}
