package org.cinderemu.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Set;

/** Structural comparison of JSON with a captured message: same keys, same order, at every level. */
public final class Shapes {

  // free-form maps: their keys are data, not structure
  private static final Set<String> FREE_FORM = Set.of("metadata", "admin_metadata", "extra_specs");

  private Shapes() {
  }

  public static void assertSameShape(Object ours, Object captured, String path) {
    if (captured instanceof JsonObject c) {
      assertThat(ours).as(path).isInstanceOf(JsonObject.class);
      JsonObject o = (JsonObject) ours;
      assertThat(new ArrayList<>(o.fieldNames())).as(path + " keys").containsExactlyElementsOf(c.fieldNames());
      for (String key : c.fieldNames()) {
        if (c.getValue(key) != null && o.getValue(key) != null && !FREE_FORM.contains(key)) {
          assertSameShape(o.getValue(key), c.getValue(key), path + "." + key);
        }
      }
    } else if (captured instanceof JsonArray c && !c.isEmpty() && c.getValue(0) instanceof JsonObject) {
      assertThat(ours).as(path).isInstanceOf(JsonArray.class);
    } else if (captured != null && ours != null) {
      assertThat(ours.getClass().getSimpleName()).as(path + " type")
          .isEqualTo(captured.getClass().getSimpleName());
    }
  }
}
