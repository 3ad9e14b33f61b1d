package org.cinderemu.api.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.paging.Pagination;
import org.cinderemu.api.paging.SortKey;
import org.cinderemu.common.db.ListQuery;
import org.cinderemu.common.oslo.Strutils;
import org.cinderemu.common.py.PyLiteral;

/**
 * A {@code GET /volumes[/detail]} request: paging and sorting, {@code all_tenants}, and the remaining query
 * parameters as filters (Cinder's {@code _process_volume_filters}: {@code name} is the display name,
 * {@code metadata} a dict literal, booleans and sizes converted, {@code created_at} / {@code updated_at}
 * time comparisons, which the caller drops below microversion 3.60 as Cinder does).
 */
public record VolumeListRequest(Pagination page, Map<String, String> filters, boolean allTenants,
    boolean withCount) {

  /** Query parameters that steer the listing rather than filter it. */
  public static final Set<String> NOT_FILTERS = Set.of("limit", "marker", "offset", "sort", "sort_key", "sort_dir",
      "with_count", "all_tenants");

  private static final Set<String> BOOLEAN_FILTERS = Set.of("bootable", "multiattach", "use_quota");

  public VolumeListRequest {
    filters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filters));
  }

  /** The repository query for a caller in {@code projectId}; without paging for counting. */
  public ListQuery toQuery(String projectId, boolean withPaging) {
    ListQuery.Builder q = ListQuery.builder();
    String project = allTenants ? filters.get("project_id") : projectId;
    q.projectId(project);
    filters.forEach((key, value) -> {
      switch (key) {
        case "project_id" -> {
        }
        case "metadata" -> metadata(value).forEach(q::metadata);
        case "size" -> q.filter("size", integer(key, value));
        case "created_at", "updated_at" -> q.filter(key, TimeFilters.parse(value));
        default -> q.filter(key, BOOLEAN_FILTERS.contains(key) ? bool(key, value) : value);
      }
    });
    if (withPaging) {
      for (SortKey k : page.sort()) {
        q.sort(k.key(), k.direction());
      }
      q.limit(page.limit()).marker(page.marker()).offset(page.offset());
    }
    return q.build();
  }

  /** Cinder evaluates {@code metadata={'k': 'v'}} as a Python literal; quotes of either kind are accepted. */
  static Map<String, String> metadata(String raw) {
    try {
      return PyLiteral.parseStringDict(raw);
    } catch (PyLiteral.SyntaxException e) {
      throw ApiException.invalidInput("Invalid metadata filter: " + raw);
    }
  }

  private static Object integer(String key, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw ApiException.invalidInput("Invalid value '" + value + "' for " + key + " filter");
    }
  }

  private static Object bool(String key, String value) {
    if (!Strutils.isBoolString(value)) {
      throw ApiException.invalidInput("Value '" + value + "' for '" + key + "' is not a boolean.");
    }
    return Strutils.boolFromString(value);
  }

  /** Keys a caller may sort volumes by (others would reach the SQL text). */
  public static final List<String> SORT_KEYS = List.of("id", "name", "display_name", "description",
      "display_description", "status", "size", "availability_zone", "created_at", "updated_at", "host",
      "volume_type_id", "project_id", "user_id", "bootable", "attach_status", "migration_status");
}
