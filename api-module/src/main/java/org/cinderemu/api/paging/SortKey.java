package org.cinderemu.api.paging;

/** One {@code key:dir} of a {@code sort} parameter; dir is {@code asc} or {@code desc}. */
public record SortKey(String key, String direction) {

  public boolean ascending() {
    return direction.equals("asc");
  }
}
