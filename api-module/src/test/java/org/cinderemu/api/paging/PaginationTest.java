package org.cinderemu.api.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.cinderemu.api.http.ApiException;
import org.junit.jupiter.api.Test;

class PaginationTest {

  private static Pagination parse(String query) {
    return Pagination.from(QueryParams.parse(query), 1000);
  }

  private static void assertBadRequest(String query, String message) {
    assertThatThrownBy(() -> parse(query))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessage(message);
  }

  @Test
  void defaults() {
    Pagination p = parse("");
    assertThat(p.limit()).isEqualTo(1000);
    assertThat(p.marker()).isNull();
    assertThat(p.offset()).isZero();
    assertThat(p.sort()).containsExactly(new SortKey("created_at", "desc"));
  }

  @Test
  void limitIsCappedByMaxLimit() {
    assertThat(parse("limit=5").limit()).isEqualTo(5);
    assertThat(parse("limit=0").limit()).isZero();
    assertThat(parse("limit=5000").limit()).isEqualTo(1000);
    assertThat(parse("limit=99999999999999999999").limit()).isEqualTo(1000);
  }

  @Test
  void limitErrors() {
    assertBadRequest("limit=abc", "limit param must be an integer");
    assertBadRequest("limit=1.5", "limit param must be an integer");
    assertBadRequest("limit=-1", "limit param must be positive");
  }

  @Test
  void offsetErrors() {
    assertThat(parse("offset=3").offset()).isEqualTo(3);
    assertBadRequest("offset=x", "offset must be an integer");
    assertBadRequest("offset=-1", "offset must be >= 0");
    assertBadRequest("offset=2147483648", "offset must be <= 2147483647");
  }

  @Test
  void markerIsPassedThrough() {
    assertThat(parse("marker=abc-123").marker()).isEqualTo("abc-123");
  }

  @Test
  void sortKeysAndDirections() {
    assertThat(parse("sort=name:asc,size,id:desc").sort()).containsExactly(
        new SortKey("name", "asc"), new SortKey("size", "desc"), new SortKey("id", "desc"));
    assertThat(parse("sort=%20name%20:%20asc").sort()).containsExactly(new SortKey("name", "asc"));
    assertThat(parse("sort_key=size&sort_dir=asc").sort()).containsExactly(new SortKey("size", "asc"));
  }

  @Test
  void sortErrors() {
    assertBadRequest("sort=name:up", "Invalid input received: Unknown sort direction, must be 'desc' or 'asc'.");
    assertBadRequest("sort=name&sort_key=size",
        "The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
  }

  @Test
  void tieBreakersFollowTheFirstDirection() {
    assertThat(parse("sort=name:asc").sortWithTieBreakers()).containsExactly(
        new SortKey("name", "asc"), new SortKey("created_at", "asc"), new SortKey("id", "asc"));
    assertThat(parse("").sortWithTieBreakers()).containsExactly(
        new SortKey("created_at", "desc"), new SortKey("id", "desc"));
  }

  @Test
  void unknownSortKeysAreRejected() {
    assertThat(parse("sort=name").requireSortKeys(Set.of("name", "created_at"))).isNotNull();
    assertThatThrownBy(() -> parse("sort=password").requireSortKeys(Set.of("name")))
        .hasMessage("Invalid input received: Invalid sort key");
  }

  @Test
  void applyPagesInMemory() {
    List<String> items = List.of("a", "b", "c", "d", "e");
    assertThat(parse("limit=2").apply(items, Function.identity())).containsExactly("a", "b");
    assertThat(parse("limit=2&marker=b").apply(items, Function.identity())).containsExactly("c", "d");
    assertThat(parse("limit=2&marker=b&offset=2").apply(items, Function.identity())).containsExactly("e");
    assertThat(parse("marker=e").apply(items, Function.identity())).isEmpty();
    assertThatThrownBy(() -> parse("marker=zz").apply(items, Function.identity()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessage("Marker zz could not be found.");
  }

  @Test
  void aSortKeyMayBeGivenOnceUnderEitherOfItsNames() {
    assertBadRequest("sort=name:asc,name:desc", "Invalid input received: Sort key name is given more than once.");
    assertBadRequest("sort=display_name,name", "Invalid input received: Sort key name is given more than once.");
    assertBadRequest("sort=id,size,id", "Invalid input received: Sort key id is given more than once.");
    assertThat(parse("sort=name,description").sort()).hasSize(2);
  }

  @Test
  void atMostTenSortKeys() {
    String ten = "a,b,c,d,e,f,g,h,i,j";
    assertThat(parse("sort=" + ten).sort()).hasSize(10);
    assertBadRequest("sort=" + ten + ",k", "Invalid input received: At most 10 sort keys are accepted, 11 were "
        + "given.");
    // the request that once built ~850,000 conditions
    assertBadRequest("sort=" + "id,".repeat(1300) + "id",
        "Invalid input received: At most 10 sort keys are accepted, 1301 were given.");
  }
}

