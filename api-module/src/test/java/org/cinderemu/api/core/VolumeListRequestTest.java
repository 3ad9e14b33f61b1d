package org.cinderemu.api.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.paging.Pagination;
import org.cinderemu.common.db.ListQuery;
import org.junit.jupiter.api.Test;

class VolumeListRequestTest {

  private static Pagination page(String query) {
    return Pagination.from(org.cinderemu.api.paging.QueryParams.parse(query), 1000);
  }

  @Test
  void filtersAreConvertedAsCinderDoes() {
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("name", "v1");
    filters.put("metadata", "{'k': 'v', \"n\": 1}");
    filters.put("bootable", "True");
    filters.put("size", "3");
    VolumeListRequest req = new VolumeListRequest(page("limit=5&marker=m&sort=name:asc"), filters, false, false);

    ListQuery q = req.toQuery("p1", true);

    assertThat(q.projectId()).isEqualTo("p1");
    assertThat(q.filters()).containsEntry("name", "v1").containsEntry("bootable", true).containsEntry("size", 3);
    assertThat(q.metadata()).containsEntry("k", "v").containsEntry("n", "1");
    assertThat(q.sortKeys()).containsExactly("name");
    assertThat(q.sortDirs()).containsExactly("asc");
    assertThat(q.limit()).isEqualTo(5);
    assertThat(q.marker()).isEqualTo("m");
    assertThat(req.toQuery("p1", false).limit()).isNull();
  }

  @Test
  void allTenantsDropsTheProjectUnlessOneIsAskedFor() {
    assertThat(new VolumeListRequest(page(""), Map.of(), true, false).toQuery("p1", true).projectId()).isNull();
    assertThat(new VolumeListRequest(page(""), Map.of("project_id", "p2"), true, false).toQuery("p1", true)
        .projectId()).isEqualTo("p2");
    assertThat(new VolumeListRequest(page(""), Map.of("project_id", "p2"), false, false).toQuery("p1", true)
        .projectId()).isEqualTo("p1");
  }

  @Test
  void badValuesAreBadRequests() {
    assertThatThrownBy(() -> new VolumeListRequest(page(""), Map.of("bootable", "maybe"), false, false)
        .toQuery("p", true)).isInstanceOf(ApiException.class)
        .hasMessage("Invalid input received: Value 'maybe' for 'bootable' is not a boolean.");
    assertThatThrownBy(() -> new VolumeListRequest(page(""), Map.of("metadata", "{nope"), false, false)
        .toQuery("p", true)).isInstanceOf(ApiException.class);
    assertThat(List.copyOf(VolumeListRequest.NOT_FILTERS)).contains("all_tenants", "with_count", "limit");
  }

  @Test
  void metadataFilterValuesMayContainQuotes() {
    ListQuery q = new VolumeListRequest(page(""), Map.of("metadata", "{'owner': \"O'Brien\", 'note': 'say \\'hi\\''}"),
        false, false).toQuery("p", true);
    assertThat(q.metadata()).containsEntry("owner", "O'Brien").containsEntry("note", "say 'hi'");
  }
}
