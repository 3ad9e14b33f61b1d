package org.cinderemu.common.db;

import io.vertx.sqlclient.Row;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads columns the same way whatever JDBC type a driver hands back (MariaDB booleans are TINYINTs). */
final class Rows {

  private Rows() {
  }

  static String string(Row row, String column) {
    Object v = row.getValue(column);
    return v == null ? null : v.toString();
  }

  static Integer integer(Row row, String column) {
    Object v = row.getValue(column);
    if (v == null) {
      return null;
    }
    return v instanceof Number n ? n.intValue() : Integer.valueOf(v.toString());
  }

  static int integer(Row row, String column, int dflt) {
    Integer v = integer(row, column);
    return v == null ? dflt : v;
  }

  static boolean bool(Row row, String column, boolean dflt) {
    Object v = row.getValue(column);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.intValue() != 0;
    }
    return "true".equalsIgnoreCase(v.toString()) || "1".equals(v.toString());
  }

  static LocalDateTime time(Row row, String column) {
    Object v = row.getValue(column);
    if (v == null) {
      return null;
    }
    if (v instanceof LocalDateTime t) {
      return t;
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    if (v instanceof OffsetDateTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    return LocalDateTime.parse(v.toString().replace(' ', 'T'));
  }
}
