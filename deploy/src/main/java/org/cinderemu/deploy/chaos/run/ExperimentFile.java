package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an experiment file, JSON or YAML by its extension, and refuses one that would fail half-way: unknown
 * fields (a typo), unknown verbs, probe types or modes, an action without a target where its verb needs one.
 */
public final class ExperimentFile {

  /** The delivery modes an expectation may name (docs/chaos.md "Delivery modes"). */
  public static final List<String> MODES = List.of("oslo", "reliable");

  private ExperimentFile() {
  }

  /** Thrown for a file that cannot be run, with every problem found. */
  public static final class InvalidExperiment extends RuntimeException {
    public InvalidExperiment(String message) {
      super(message);
    }
  }

  public static Experiment read(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    return parse(Files.readString(file), yaml, file.toString());
  }

  public static Experiment parse(String text, boolean yaml, String source) {
    Experiment e;
    try {
      e = mapper(yaml).readValue(text, Experiment.class);
    } catch (JsonProcessingException ex) {
      throw new InvalidExperiment(source + ": " + ex.getOriginalMessage()
          + (ex.getLocation() == null ? "" : " (line " + ex.getLocation().getLineNr() + ")"));
    } catch (IllegalArgumentException ex) {
      throw new InvalidExperiment(source + ": " + ex.getMessage());
    }
    List<String> problems = problems(e);
    if (!problems.isEmpty()) {
      throw new InvalidExperiment(source + ": " + String.join("; ", problems));
    }
    return e;
  }

  static ObjectMapper mapper(boolean yaml) {
    ObjectMapper m = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
    return m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  static List<String> problems(Experiment e) {
    List<String> problems = new ArrayList<>();
    if (e.title() == null || e.title().isBlank()) {
      problems.add("title is missing");
    }
    e.steadyStateHypothesis().probes().forEach(p -> probeProblems(p, problems));
    List<Activity> all = new ArrayList<>(e.method());
    all.addAll(e.rollbacks());
    for (Activity a : all) {
      switch (a.type()) {
        case "pause" -> {
          if (a.seconds() == null || a.seconds() < 0) {
            problems.add("pause \"" + a.label() + "\" needs seconds ≥ 0");
          }
        }
        case "probe" -> {
          if (a.probe() == null) {
            problems.add("probe activity \"" + a.label() + "\" has no probe");
          } else {
            probeProblems(a.probe(), problems);
          }
        }
        case "action" -> {
          if (Verb.parse(a.verb()).isEmpty()) {
            problems.add("action \"" + a.label() + "\": unknown verb " + a.verb() + " (one of "
                + java.util.Arrays.stream(Verb.values()).map(Verb::fileName).toList() + ")");
          }
        }
        default -> problems.add("activity \"" + a.label() + "\": unknown type " + a.type()
            + " (action, probe or pause)");
      }
    }
    e.expect().keySet().stream().filter(m -> !MODES.contains(m))
        .forEach(m -> problems.add("expect: unknown mode " + m + " (one of " + MODES + ")"));
    return problems;
  }

  private static void probeProblems(Probe p, List<String> problems) {
    if (!Probe.TYPES.contains(p.type())) {
      problems.add("probe \"" + p.name() + "\": unknown type " + p.type() + " (one of " + Probe.TYPES + ")");
      return;
    }
    switch (p.type()) {
      case "http" -> {
        if (p.path() == null || !p.path().startsWith("/")) {
          problems.add("probe \"" + p.name() + "\": path must start with /");
        }
      }
      case "metrics" -> {
        if (p.series() == null) {
          problems.add("probe \"" + p.name() + "\": series is missing");
        }
      }
      default -> {
        if (!List.of("volumes", "backups").contains(p.table())) {
          problems.add("probe \"" + p.name() + "\": table must be volumes or backups");
        }
      }
    }
  }
}
