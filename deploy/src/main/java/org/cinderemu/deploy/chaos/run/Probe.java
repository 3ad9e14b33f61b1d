package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One steady-state probe and its tolerance. {@code http}: a request on the Cinder API ({@code path} below
 * {@code /v3/<project>}), its status code and, with {@code json_path} ({@code services[*].state}), the values found
 * there. {@code metrics}: the sum of one series on the {@code /metrics} of {@code child} (every child when omitted)
 * whose labels include {@code labels}. {@code db}: the number of rows of {@code table} (volumes or backups) in
 * {@code status}, of this run's project unless {@code all_projects}.
 */
public record Probe(
    String name,
    String type,
    String method,
    String path,
    @JsonProperty("json_path") String jsonPath,
    String child,
    String series,
    Map<String, String> labels,
    String table,
    List<String> status,
    @JsonProperty("all_projects") boolean allProjects,
    Tolerance tolerance) {

  public static final List<String> TYPES = List.of("http", "metrics", "db");

  public Probe {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    status = status == null ? List.of() : List.copyOf(status);
    tolerance = tolerance == null ? new Tolerance(null, null, null, null) : tolerance;
  }

  /**
   * {@code status}: the HTTP status code; {@code equals}: every value found (or the one value) equals it;
   * {@code range}: the number (for http with json_path: how many values were found, unless they are numbers).
   */
  public record Tolerance(Integer status, Object equals, Double min, Double max) {
    Range range() {
      return new Range(min, max);
    }

    boolean hasRange() {
      return min != null || max != null;
    }
  }
}
