package org.cinderemu.api.handlers;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.api.paging.Pagination;
import org.cinderemu.api.paging.SortKey;
import org.cinderemu.common.db.ListQuery;
import org.cinderemu.common.oslo.Strutils;
import org.cinderemu.common.py.PyLiteral;

/**
 * A {@code GET /backups[/detail]} request as Cinder's {@code _get_backups} reads it: paging and sorting,
 * {@code with_count} (3.45+), {@code all_tenants}, and every other query parameter as an equality filter on a
 * column ({@code name} is the display name). Callers are admins under noauth, so any column may be filtered on;
 * a key that is not a column makes Cinder answer an empty list, which {@link #matchesNothing()} says.
 *
 * @param query the page to fetch
 * @param countQuery the same filters without paging
 */
record BackupsListRequest(Pagination page, ListQuery query, ListQuery countQuery, boolean withCount,
    boolean matchesNothing) {

  /** The backups table's columns (Cinder's model attributes), the keys it may be sorted and filtered by. */
  static final List<String> COLUMNS = List.of("id", "user_id", "project_id", "volume_id", "host",
      "availability_zone", "container", "parent_id", "status", "fail_reason", "size", "display_name",
      "display_description", "service_metadata", "service", "object_count", "temp_volume_id", "temp_snapshot_id",
      "num_dependent_backups", "snapshot_id", "data_timestamp", "restore_volume_id", "encryption_key_id",
      "created_at", "updated_at", "deleted_at");

  private static final Set<String> NOT_FILTERS = Set.of("limit", "marker", "offset", "sort", "sort_key",
      "sort_dir");
  private static final Set<String> INTEGER_COLUMNS = Set.of("size", "object_count", "num_dependent_backups");
  private static final Set<String> TIME_COLUMNS = Set.of("created_at", "updated_at", "deleted_at",
      "data_timestamp");

  static BackupsListRequest from(ApiRequest req) {
    ApiVersion mv = req.microversion();
    Set<String> sortable = new HashSet<>(COLUMNS);
    // sort=name means the display name only from 3.37 (BACKUP_SORT_NAME); before, it is no column
    if (mv.isAtLeast("3.37")) {
      sortable.add("name");
    }
    Pagination page = req.pagination().requireSortKeys(sortable);

    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : req.query()) {
      if (!NOT_FILTERS.contains(e.getKey())) {
        // webob's params into a dict: the last value of a repeated key wins
        params.remove(e.getKey());
        params.put(e.getKey(), e.getValue());
      }
    }
    boolean withCount = false;
    if (mv.isAtLeast("3.45") && params.containsKey("with_count")) {
      withCount = bool("with_count", params.remove("with_count"),
          "Value '%s' for 'with_count' is not a boolean.");
    }
    String allTenantsRaw = params.remove("all_tenants");
    boolean allTenants = allTenantsRaw != null && bool("all_tenants", allTenantsRaw,
        "all_tenants must be a boolean, got '%s'.");
    String project = allTenants ? null : req.context().projectId();

    ListQuery.Builder filtered = ListQuery.builder().projectId(project);
    ListQuery.Builder counted = ListQuery.builder().projectId(project);
    boolean nothing = false;
    for (Map.Entry<String, String> e : params.entrySet()) {
      String column = e.getKey().equals("name") ? "display_name" : e.getKey();
      if (column.equals("metadata")) {
        Map<String, String> metadata = metadata(e.getValue());
        if (metadata == null) {
          nothing = true;
        } else {
          metadata.forEach(filtered::metadata);
          metadata.forEach(counted::metadata);
        }
        continue;
      }
      Object value = COLUMNS.contains(column) ? typed(column, e.getValue()) : null;
      if (value == null) {
        nothing = true;
        continue;
      }
      filtered.filter(column, value);
      counted.filter(column, value);
    }
    for (SortKey k : page.sort()) {
      filtered.sort(k.key(), k.direction());
    }
    filtered.limit(page.limit()).marker(page.marker()).offset(page.offset() > 0 ? page.offset() : null);
    return new BackupsListRequest(page, filtered.build(), counted.build(), withCount, nothing);
  }

  private static boolean bool(String name, String raw, String message) {
    if (!Strutils.isBoolString(raw)) {
      throw ApiException.badRequest(String.format(message, raw));
    }
    return Strutils.boolFromString(raw);
  }


  /** The filter value as the column holds it, or null when no row could ever match it. */
  private static Object typed(String column, String raw) {
    if (INTEGER_COLUMNS.contains(column)) {
      try {
        return Integer.parseInt(raw.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (TIME_COLUMNS.contains(column)) {
      try {
        return LocalDateTime.parse(raw.strip().replace(' ', 'T'));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return raw;
  }

  /** {@code metadata={'k': 'v'}}, a Python dict literal in Cinder; null when it is not one. */
  private static Map<String, String> metadata(String raw) {
    try {
      return PyLiteral.parseStringDict(raw);
    } catch (PyLiteral.SyntaxException e) {
      return null;
    }
  }
}
