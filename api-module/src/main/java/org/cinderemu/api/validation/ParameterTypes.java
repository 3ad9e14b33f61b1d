package org.cinderemu.api.validation;

import org.cinderemu.api.paging.Pagination;

/** Reusable field schemas after cinder/api/validation/parameter_types.py. */
public final class ParameterTypes {

  /** Metadata and extra-spec keys (Cinder's {@code metadata} key pattern). */
  public static final String KEY_PATTERN = "^[a-zA-Z0-9-_:. /]{1,255}$";

  private ParameterTypes() {
  }

  /** A display name: string or null, at most 255 characters. */
  public static Schema name() {
    return Schema.string().nullable().minLength(0).maxLength(255);
  }

  public static Schema description() {
    return Schema.string().nullable().minLength(0).maxLength(255);
  }

  /** A strict JSON integer ≥ 1 ({@code "abc"} ⇒ "'abc' is not of type 'integer'"). */
  public static Schema positiveInteger() {
    return Schema.integer().minimum(1).maximum(Pagination.DB_MAX_INT);
  }

  /**
   * Cinder's {@code volume_size}: an integer or a digit string; note that {@code minimum} does not apply to
   * strings in JSON Schema, so {@code "0"} passes here and the API's own check rejects it later.
   */
  public static Schema volumeSize() {
    return Schema.types("integer", "string").pattern("^[0-9]+$").minimum(1).maximum(Pagination.DB_MAX_INT);
  }

  /** Cinder's {@code boolean}: JSON booleans plus the strings oslo's bool_from_string accepts. */
  public static Schema bool() {
    return Schema.types("boolean", "string").enumOf(true, "True", "TRUE", "true", "1", "ON", "On", "on",
        "YES", "Yes", "yes", "y", "t", false, "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No",
        "no", "n", "f");
  }

  /** Cinder's {@code optional_boolean}: null or {@link #bool()}, as a oneOf. */
  public static Schema optionalBool() {
    return Schema.oneOf(Schema.types("null"), bool());
  }

  public static Schema uuid() {
    return Schema.string().format("uuid");
  }

  public static Schema uuidOrNull() {
    return Schema.string().nullable().format("uuid");
  }

  /** A {@code {"key": "value"}} map with Cinder's key pattern and 255-character string values. */
  public static Schema metadata() {
    return Schema.object().patternProperty(KEY_PATTERN, Schema.string().maxLength(255)).closed();
  }

  /** The {@code availability_zone} of create calls. */
  public static Schema availabilityZone() {
    return Schema.string().nullable().minLength(1).maxLength(255);
  }
}
