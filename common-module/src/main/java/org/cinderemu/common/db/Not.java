package org.cinderemu.common.db;

import java.util.Collection;
import java.util.List;

/**
 * Cinder's {@code db.Not}: an expected value of a compare-and-set that matches every value but these
 * (a NULL column matches too, as SQLAlchemy's {@code IS NOT} / {@code NOT IN} with its null handling does).
 */
public record Not(List<Object> values) {

  public Not {
    values = List.copyOf(values);
  }

  public static Not of(Object... values) {
    return new Not(List.of(values));
  }

  public static Not anyOf(Collection<?> values) {
    return new Not(List.copyOf(values));
  }
}
