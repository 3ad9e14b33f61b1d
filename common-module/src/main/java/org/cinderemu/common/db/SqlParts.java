package org.cinderemu.common.db;

import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/** A WHERE clause under construction: SQL fragments joined by AND, with their '?' parameters in order. */
final class SqlParts {

  private final List<String> conditions = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();

  SqlParts and(String condition, Object... values) {
    conditions.add(condition);
    for (Object v : values) {
      params.add(bindable(v));
    }
    return this;
  }

  /**
   * {@code column = v}, {@code column IS NULL}, {@code column IN (...)} for a collection (nulls allowed), or
   * anything but the given values for a {@link Not}.
   */
  SqlParts matches(String column, Object expected) {
    if (expected instanceof Not not) {
      if (not.values().isEmpty()) {
        return this;
      }
      return and("(" + column + " IS NULL OR " + column + " NOT IN (" + placeholders(not.values().size()) + "))",
          not.values().toArray());
    }
    if (expected == null) {
      return and(column + " IS NULL");
    }
    if (expected instanceof Collection<?> values) {
      if (values.isEmpty()) {
        return and("1 = 0");
      }
      List<Object> nonNull = new ArrayList<>();
      boolean withNull = false;
      for (Object v : values) {
        if (v == null) {
          withNull = true;
        } else {
          nonNull.add(v);
        }
      }
      String in = nonNull.isEmpty() ? "1 = 0" : column + " IN (" + placeholders(nonNull.size()) + ")";
      return and(withNull ? "(" + in + " OR " + column + " IS NULL)" : in, nonNull.toArray());
    }
    return and(column + " = ?", expected);
  }

  /**
   * Cinder's {@code _filter_host} (docs/cinder-reference.md §1.4): a value with '#' matches exactly, one with '@' also
   * matches its pools, a bare host also matches its backends and their pools.
   */
  SqlParts hostMatches(String column, String value) {
    if (value.contains("#")) {
      return and(column + " = ?", value);
    }
    if (value.contains("@")) {
      return and("(" + column + " = ? OR " + column + " LIKE ? ESCAPE '!')", value, startsWith(value + "#"));
    }
    return and("(" + column + " = ? OR " + column + " LIKE ? ESCAPE '!' OR " + column + " LIKE ? ESCAPE '!')",
        value, startsWith(value + "@"), startsWith(value + "#"));
  }

  /** " WHERE a AND b", or "" when empty. */
  String where() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  List<Object> params() {
    return params;
  }

  static String placeholders(int n) {
    StringJoiner j = new StringJoiner(", ");
    for (int i = 0; i < n; i++) {
      j.add("?");
    }
    return j.toString();
  }

  static Tuple tuple(List<Object> values) {
    Tuple t = Tuple.tuple();
    values.forEach(v -> t.addValue(bindable(v)));
    return t;
  }

  static Tuple tuple(Object... values) {
    return tuple(Arrays.asList(values));
  }

  /** Times go to the database as UTC LocalDateTime, whatever form the caller had. */
  static Object bindable(Object v) {
    if (v instanceof Instant i) {
      return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
    if (v instanceof OffsetDateTime o) {
      return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    return v;
  }

  /**
   * A LIKE pattern matching values that start with {@code prefix}; '!' is the escape character (given
   * with {@code ESCAPE '!'}), because Cinder backends like {@code new_lvm_backend} are full of '_'.
   */
  static String startsWith(String prefix) {
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }
}
