package org.cinderemu.common.db;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a list API asks for (Cinder's {@code get_all}): a project (null = all tenants), column filters
 * (a collection means IN, a {@link TimeComparison} Cinder's 3.60 time filter), metadata that must all match,
 * sort keys with directions, and limit + marker (or offset) pagination. Sort keys and filters use column names;
 * the API names {@code name} and {@code description} are accepted for {@code display_name} /
 * {@code display_description}. At most {@link #MAX_SORT_KEYS} sort keys, each once.
 */
public record ListQuery(
    String projectId,
    Map<String, Object> filters,
    Map<String, String> metadata,
    List<String> sortKeys,
    List<String> sortDirs,
    Integer limit,
    String marker,
    Integer offset) {

  /** API names of columns, accepted as filter and sort keys. */
  public static final Map<String, String> API_ALIASES =
      Map.of("name", "display_name", "description", "display_description");

  /**
   * Sort keys a list accepts (before the created_at / id tie-breakers): the marker condition grows with the
   * square of their number, so a URL full of keys must not become a statement of a million conditions.
   */
  public static final int MAX_SORT_KEYS = 10;

  /**
   * Cinder's time comparison filter ({@code created_at=gt:...,lt:...}, microversion 3.60): the row matches
   * when <em>any</em> of the comparisons holds, as {@code _filter_time_comparison} joins them with OR.
   *
   * @param bounds operator ({@link #OPERATORS}) to a UTC time
   */
  public record TimeComparison(Map<String, LocalDateTime> bounds) {

    /** Cinder's {@code get_time_comparison_operators}, with the SQL each stands for. */
    public static final Map<String, String> OPERATORS =
        Map.of("gt", ">", "gte", ">=", "eq", "=", "neq", "<>", "lt", "<", "lte", "<=");

    public TimeComparison {
      bounds = Collections.unmodifiableMap(new LinkedHashMap<>(bounds));
      if (!OPERATORS.keySet().containsAll(bounds.keySet())) {
        throw new IllegalArgumentException("unknown time comparison operator in " + bounds.keySet());
      }
    }
  }

  /** The column an API filter or sort key names. */
  public static String column(String apiName) {
    return API_ALIASES.getOrDefault(apiName, apiName);
  }

  public ListQuery {
    filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters == null ? Map.of() : filters));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata == null ? Map.of() : metadata));
    sortKeys = List.copyOf(sortKeys == null ? List.of() : sortKeys);
    sortDirs = List.copyOf(sortDirs == null ? List.of() : sortDirs);
  }

  /** Everything, newest first. */
  public static ListQuery all() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private String projectId;
    private final Map<String, Object> filters = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<String> sortKeys = new ArrayList<>();
    private final List<String> sortDirs = new ArrayList<>();
    private Integer limit;
    private String marker;
    private Integer offset;

    private Builder() {
    }

    public Builder projectId(String projectId) {
      this.projectId = projectId;
      return this;
    }

    public Builder filter(String column, Object value) {
      filters.put(column, value);
      return this;
    }

    public Builder metadata(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    /** One sort key; {@code dir} is "asc" or "desc", or null to take the first key's direction. */
    public Builder sort(String key, String dir) {
      sortKeys.add(key);
      if (dir != null) {
        sortDirs.add(dir);
      }
      return this;
    }

    public Builder limit(Integer limit) {
      this.limit = limit;
      return this;
    }

    public Builder marker(String marker) {
      this.marker = marker;
      return this;
    }

    public Builder offset(Integer offset) {
      this.offset = offset;
      return this;
    }

    public ListQuery build() {
      return new ListQuery(projectId, filters, metadata, sortKeys, sortDirs, limit, marker, offset);
    }
  }
}
