package org.cinderemu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.api.ApiStack.join;

import io.vertx.core.json.JsonObject;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.objects.Volume;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Create, list and show on MariaDB and PostgreSQL: the API's SQL paths work on the server databases too. */
class VolumesOnServerDatabasesIT {

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"MARIADB", "POSTGRESQL"})
  void createListShowAndDelete(Dialect dialect) throws Exception {
    try (ApiStack stack = ApiStack.start(dialect)) {
      stack.volumeService(ApiStack.BACKEND, "nova");

      var created = stack.post("/volumes", new JsonObject().put("volume", new JsonObject().put("size", 2)
          .put("name", "on-" + dialect).put("metadata", new JsonObject().put("tier", "gold"))));
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(202);
      String id = created.bodyAsJsonObject().getJsonObject("volume").getString("id");
      stack.awaitSchedulerCast("create_volume");

      JsonObject list = stack.get("/volumes/detail?metadata=%7B%27tier%27%3A+%27gold%27%7D&sort=size:desc,name")
          .bodyAsJsonObject();
      assertThat(list.getJsonArray("volumes")).hasSize(1);
      assertThat(list.getJsonArray("volumes").getJsonObject(0).getString("id")).isEqualTo(id);
      JsonObject shown = stack.get("/volumes/" + id).bodyAsJsonObject().getJsonObject("volume");
      assertThat(shown.getJsonObject("metadata").getString("tier")).isEqualTo("gold");
      Volume row = join(stack.db().volumes().get(id));
      assertThat(row.size()).isEqualTo(2);
      assertThat(stack.inUse(ApiStack.PROJECT)).containsEntry("volumes", 1).containsEntry("gigabytes", 2);

      assertThat(stack.delete("/volumes/" + id).statusCode()).isEqualTo(202);
      assertThat(join(stack.db().volumes().find(id))).isEmpty();
      assertThat(stack.inUse(ApiStack.PROJECT)).containsEntry("volumes", 0).containsEntry("gigabytes", 0);
    }
  }
}
