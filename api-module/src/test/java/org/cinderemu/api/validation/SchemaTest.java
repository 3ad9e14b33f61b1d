package org.cinderemu.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.cinderemu.api.http.ApiException;
import org.junit.jupiter.api.Test;

class SchemaTest {

  private static final Schema VOLUME_CREATE = Schema.object()
      .requiredProperty("volume", Schema.object()
          .requiredProperty("size", ParameterTypes.positiveInteger())
          .property("name", ParameterTypes.name())
          .property("description", ParameterTypes.description())
          .property("multiattach", ParameterTypes.bool())
          .property("snapshot_id", ParameterTypes.uuidOrNull())
          .property("metadata", ParameterTypes.metadata())
          .closed())
      .property("OS-SCH-HNT:scheduler_hints", Schema.object())
      .closed();

  private static String detail(Schema schema, String json) {
    Object body = json == null ? null : new JsonObject(json);
    return schema.firstError(body).map(ValidationError::detail).orElse(null);
  }

  private static String detail(String json) {
    return detail(VOLUME_CREATE, json);
  }

  @Test
  void validBodyPasses() {
    assertThat(detail("{\"volume\": {\"size\": 1, \"name\": null, \"multiattach\": \"yes\", "
        + "\"snapshot_id\": \"5c3a0a8e-1b62-4c1a-9f3c-6f3f1b9d2e11\", \"metadata\": {\"k\": \"v\"}}, "
        + "\"OS-SCH-HNT:scheduler_hints\": {\"same_host\": []}}")).isNull();
  }

  @Test
  void wrongTypeNamesFieldValueAndType() {
    assertThat(detail("{\"volume\": {\"size\": \"abc\"}}"))
        .isEqualTo("Invalid input for field/attribute size. Value: abc. 'abc' is not of type 'integer'");
    assertThat(detail("{\"volume\": {\"size\": 1.5}}"))
        .isEqualTo("Invalid input for field/attribute size. Value: 1.5. 1.5 is not of type 'integer'");
    assertThat(detail("{\"volume\": {\"size\": true}}"))
        .isEqualTo("Invalid input for field/attribute size. Value: True. True is not of type 'integer'");
    assertThat(detail("{\"volume\": {\"size\": 1, \"name\": 5}}"))
        .isEqualTo("Invalid input for field/attribute name. Value: 5. 5 is not of type 'string', 'null'");
  }

  @Test
  void sizesMustBePositive() {
    assertThat(detail("{\"volume\": {\"size\": 0}}"))
        .isEqualTo("Invalid input for field/attribute size. Value: 0. 0 is less than the minimum of 1");
    assertThat(detail("{\"volume\": {\"size\": -3}}"))
        .isEqualTo("Invalid input for field/attribute size. Value: -3. -3 is less than the minimum of 1");
  }

  @Test
  void stringsAreAtMost255Characters() {
    String name = "n".repeat(256);
    assertThat(detail("{\"volume\": {\"size\": 1, \"name\": \"" + name + "\"}}"))
        .isEqualTo("Invalid input for field/attribute name. Value: " + name + ". '" + name + "' is too long");
    assertThat(detail("{\"volume\": {\"size\": 1, \"name\": \"" + "é".repeat(255) + "\"}}")).isNull();
  }

  @Test
  void missingRequiredKeys() {
    assertThat(detail("{}")).isEqualTo("'volume' is a required property");
    assertThat(detail("{\"volume\": {\"name\": \"x\"}}"))
        .isEqualTo("Invalid input for field/attribute volume. Value: {'name': 'x'}. 'size' is a required property");
  }

  @Test
  void unknownKeysAreRejected() {
    assertThat(detail("{\"volume\": {\"size\": 1}, \"bogus\": 1}"))
        .isEqualTo("Additional properties are not allowed ('bogus' was unexpected)");
    assertThat(detail("{\"volume\": {\"size\": 1, \"a\": 1, \"b\": 2}}"))
        .isEqualTo("Invalid input for field/attribute volume. Value: {'size': 1, 'a': 1, 'b': 2}. "
            + "Additional properties are not allowed ('a', 'b' were unexpected)");
  }

  @Test
  void nonObjectBodies() {
    assertThat(detail(VOLUME_CREATE, null)).isEqualTo("None is not of type 'object'");
    assertThat(VOLUME_CREATE.firstError(java.util.List.of(1)).map(ValidationError::detail))
        .contains("[1] is not of type 'object'");
    assertThat(detail("{\"volume\": \"big\"}"))
        .isEqualTo("Invalid input for field/attribute volume. Value: big. 'big' is not of type 'object'");
  }

  @Test
  void enumsFormatsAndPatternProperties() {
    assertThat(detail("{\"volume\": {\"size\": 1, \"multiattach\": \"maybe\"}}"))
        .startsWith("Invalid input for field/attribute multiattach. Value: maybe. 'maybe' is not one of "
            + "[True, 'True', 'TRUE'");
    assertThat(detail("{\"volume\": {\"size\": 1, \"snapshot_id\": \"abc\"}}"))
        .isEqualTo("Invalid input for field/attribute snapshot_id. Value: abc. 'abc' is not a 'uuid'");
    assertThat(detail("{\"volume\": {\"size\": 1, \"metadata\": {\"k\": 1}}}"))
        .isEqualTo("Invalid input for field/attribute k. Value: 1. 1 is not of type 'string'");
    assertThat(detail("{\"volume\": {\"size\": 1, \"metadata\": {\"bad!key\": \"v\"}}}"))
        .isEqualTo("Invalid input for field/attribute metadata. Value: {'bad!key': 'v'}. "
            + "Additional properties are not allowed ('bad!key' was unexpected)");
  }

  @Test
  void volumeSizeAcceptsDigitStringsLikeCinder() {
    Schema size = Schema.object().property("new_size", ParameterTypes.volumeSize());
    assertThat(detail(size, "{\"new_size\": \"10\"}")).isNull();
    assertThat(detail(size, "{\"new_size\": 10}")).isNull();
    assertThat(detail(size, "{\"new_size\": \"ten\"}"))
        .isEqualTo("Invalid input for field/attribute new_size. Value: ten. 'ten' does not match '^[0-9]+$'");
    assertThat(detail(size, "{\"new_size\": 0}"))
        .isEqualTo("Invalid input for field/attribute new_size. Value: 0. 0 is less than the minimum of 1");
    assertThat(detail(size, "{\"new_size\": null}"))
        .isEqualTo("Invalid input for field/attribute new_size. Value: None. None is not of type 'integer', "
            + "'string'");
  }

  @Test
  void arrayItemsReportTheirIndex() {
    Schema s = Schema.object().property("ids", Schema.array(Schema.string()));
    assertThat(detail(s, "{\"ids\": [\"a\", 2]}"))
        .isEqualTo("Invalid input for field/attribute 1. Value: 2. 2 is not of type 'string'");
  }

  @Test
  void validateThrowsA400() {
    assertThatThrownBy(() -> VOLUME_CREATE.validate(new JsonObject()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessage("'volume' is a required property");
  }

  @Test
  void schemasAreImmutable() {
    Schema base = Schema.object();
    base.requiredProperty("x", Schema.any()).closed();
    assertThat(base.firstError(new JsonObject().put("y", 1))).isEmpty();
  }

  @Test
  void oneOfAcceptsWhatExactlyOneAlternativeAccepts() {
    Schema body = Schema.object().property("multiattach", ParameterTypes.optionalBool());
    assertThat(body.firstError(new JsonObject("{\"multiattach\": null}"))).isEmpty();
    assertThat(body.firstError(new JsonObject("{\"multiattach\": \"yes\"}"))).isEmpty();
    assertThat(detail(body, "{\"multiattach\": \"maybe\"}")).isEqualTo("Invalid input for field/attribute "
        + "multiattach. Value: maybe. 'maybe' is not valid under any of the given schemas");
  }

  @Test
  void anyOfRequiredNeedsOneOfTheNames() {
    Schema body = Schema.object().requiredProperty("volume", Schema.object().property("name", Schema.string())
        .anyOfRequired("name", "description"));
    assertThat(body.firstError(new JsonObject("{\"volume\": {\"name\": \"n\"}}"))).isEmpty();
    assertThat(detail(body, "{\"volume\": {}}")).isEqualTo("Invalid input for field/attribute volume. Value: {}. "
        + "{} is not valid under any of the given schemas");
  }
}

