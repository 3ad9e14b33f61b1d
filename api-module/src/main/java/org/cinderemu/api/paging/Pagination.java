package org.cinderemu.api.paging;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.ListQuery;

/**
 * Paging and sorting parameters of a list call, parsed with Cinder's rules and messages
 * (cinder/api/common.py {@code get_pagination_params} / {@code get_sort_params}, db
 * {@code process_sort_params}), and at most {@link ListQuery#MAX_SORT_KEYS} keys, each once.
 *
 * @param marker id of the last item the client has seen, or null
 * @param limit at most osapi_max_limit (also its default)
 * @param offset items skipped after the marker
 * @param sort as requested, defaulting to {@code created_at:desc}
 */
public record Pagination(String marker, int limit, int offset, List<SortKey> sort) {

  public static final String DEFAULT_SORT_KEY = "created_at";
  public static final String DEFAULT_SORT_DIR = "desc";
  /** Cinder's DB_MAX_INT. */
  public static final int DB_MAX_INT = 0x7FFFFFFF;

  public Pagination {
    sort = List.copyOf(sort);
  }

  public static Pagination from(List<Map.Entry<String, String>> params, int maxLimit) {
    return from(params, maxLimit, DEFAULT_SORT_KEY, DEFAULT_SORT_DIR);
  }

  public static Pagination from(List<Map.Entry<String, String>> params, int maxLimit, String defaultSortKey,
      String defaultSortDir) {
    return new Pagination(QueryParams.first(params, "marker"), limit(params, maxLimit), offset(params),
        sort(params, defaultSortKey, defaultSortDir));
  }

  private static int limit(List<Map.Entry<String, String>> params, int maxLimit) {
    String raw = QueryParams.first(params, "limit");
    if (raw == null) {
      return maxLimit;
    }
    BigInteger value;
    try {
      value = new BigInteger(stripPlus(raw.strip()));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("limit param must be an integer");
    }
    if (value.signum() < 0) {
      throw ApiException.badRequest("limit param must be positive");
    }
    return value.min(BigInteger.valueOf(maxLimit)).intValue();
  }

  // oslo_utils.strutils.validate_integer(offset, 'offset', 0, DB_MAX_INT)
  private static int offset(List<Map.Entry<String, String>> params) {
    String raw = QueryParams.first(params, "offset");
    if (raw == null) {
      return 0;
    }
    BigInteger value;
    try {
      value = new BigInteger(stripPlus(raw.strip()));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("offset must be an integer");
    }
    if (value.signum() < 0) {
      throw ApiException.badRequest("offset must be >= 0");
    }
    if (value.compareTo(BigInteger.valueOf(DB_MAX_INT)) > 0) {
      throw ApiException.badRequest("offset must be <= " + DB_MAX_INT);
    }
    return value.intValue();
  }

  private static String stripPlus(String s) {
    return s.startsWith("+") ? s.substring(1) : s;
  }

  private static List<SortKey> sort(List<Map.Entry<String, String>> params, String defaultKey,
      String defaultDir) {
    List<SortKey> keys = new ArrayList<>();
    String sort = QueryParams.first(params, "sort");
    if (sort != null) {
      if (QueryParams.contains(params, "sort_key") || QueryParams.contains(params, "sort_dir")) {
        throw ApiException.badRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be "
            + "used with the 'sort' parameter.");
      }
      for (String keyDir : sort.split(",", -1)) {
        int colon = keyDir.indexOf(':');
        String key = colon < 0 ? keyDir : keyDir.substring(0, colon);
        String dir = colon < 0 ? "" : keyDir.substring(colon + 1);
        keys.add(new SortKey(key.strip(), dir.isEmpty() ? defaultDir : dir.strip()));
      }
    } else {
      String key = QueryParams.first(params, "sort_key");
      String dir = QueryParams.first(params, "sort_dir");
      keys.add(new SortKey(key != null ? key : defaultKey, dir != null ? dir : defaultDir));
    }
    for (SortKey k : keys) {
      if (!k.direction().equals("asc") && !k.direction().equals("desc")) {
        throw ApiException.invalidInput("Unknown sort direction, must be 'desc' or 'asc'.");
      }
    }
    requireFewDistinct(keys);
    return keys;
  }

  // not a check of Cinder's, which lets a URL of repeated keys grow its marker query quadratically
  private static void requireFewDistinct(List<SortKey> keys) {
    if (keys.size() > ListQuery.MAX_SORT_KEYS) {
      throw ApiException.invalidInput("At most " + ListQuery.MAX_SORT_KEYS + " sort keys are accepted, "
          + keys.size() + " were given.");
    }
    Set<String> columns = new HashSet<>();
    for (SortKey k : keys) {
      if (!columns.add(ListQuery.column(k.key()))) {
        throw ApiException.invalidInput("Sort key " + k.key() + " is given more than once.");
      }
    }
  }

  /**
   * The sort with {@code created_at} and {@code id} appended when absent, in the first key's direction, so
   * markers page deterministically (db {@code process_sort_params}).
   */
  public List<SortKey> sortWithTieBreakers() {
    List<SortKey> out = new ArrayList<>(sort);
    String dir = sort.isEmpty() ? "asc" : sort.get(0).direction();
    for (String key : List.of("created_at", "id")) {
      if (out.stream().noneMatch(k -> k.key().equals(key))) {
        out.add(new SortKey(key, dir));
      }
    }
    return out;
  }

  /** Rejects sort keys the resource cannot sort by (they end up in SQL) with Cinder's message. */
  public Pagination requireSortKeys(Set<String> allowed) {
    for (SortKey k : sort) {
      if (!allowed.contains(k.key())) {
        throw ApiException.invalidInput("Invalid sort key");
      }
    }
    return this;
  }

  /**
   * Applies marker, offset and limit to items already in sort order (for small in-memory collections).
   *
   * @throws ApiException 404 "Marker ... could not be found." when the marker is not among the items
   */
  public <T> List<T> apply(List<T> sortedItems, Function<T, String> idOf) {
    int start = 0;
    if (marker != null) {
      start = -1;
      for (int i = 0; i < sortedItems.size(); i++) {
        if (marker.equals(idOf.apply(sortedItems.get(i)))) {
          start = i + 1;
          break;
        }
      }
      if (start < 0) {
        throw ApiException.notFound("Marker " + marker + " could not be found.");
      }
    }
    int from = (int) Math.min((long) start + offset, sortedItems.size());
    int to = (int) Math.min((long) from + limit, sortedItems.size());
    return List.copyOf(sortedItems.subList(from, to));
  }
}
