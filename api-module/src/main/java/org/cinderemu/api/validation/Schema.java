package org.cinderemu.api.validation;

import org.cinderemu.common.py.PyRepr;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cinderemu.api.http.ApiException;

/**
 * The slice of JSON Schema (draft 4) that Cinder's request schemas use, checked in the same keyword order and
 * reported with the same messages, so a bad body gets Cinder's 400 text. Immutable: every method returns a
 * copy, so presets in {@link ParameterTypes} can be shared and refined.
 *
 * <pre>{@code
 * Schema.object().requiredProperty("volume", Schema.object()
 *         .requiredProperty("size", ParameterTypes.positiveInteger())
 *         .property("name", ParameterTypes.name())
 *         .closed())
 *     .closed()
 *     .validate(body);
 * }</pre>
 */
public final class Schema {

  private static final Pattern UUID_LIKE =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");

  private List<String> types = List.of();
  private Map<String, Schema> properties = Map.of();
  private Map<Pattern, Schema> patternProperties = Map.of();
  private List<String> required = List.of();
  private boolean additionalProperties = true;
  private Schema items;
  private Integer minLength;
  private Integer maxLength;
  private Number minimum;
  private Number maximum;
  private Pattern pattern;
  private List<Object> enumValues;
  private String format;
  private List<Schema> oneOf = List.of();
  private List<String> anyOfRequired = List.of();

  private Schema() {
  }

  private Schema copy() {
    Schema s = new Schema();
    s.types = types;
    s.properties = properties;
    s.patternProperties = patternProperties;
    s.required = required;
    s.additionalProperties = additionalProperties;
    s.items = items;
    s.minLength = minLength;
    s.maxLength = maxLength;
    s.minimum = minimum;
    s.maximum = maximum;
    s.pattern = pattern;
    s.enumValues = enumValues;
    s.format = format;
    s.oneOf = oneOf;
    s.anyOfRequired = anyOfRequired;
    return s;
  }

  /** Any value passes (a property that is only declared, e.g. {@code 'metadata': {}}). */
  public static Schema any() {
    return new Schema();
  }

  /** jsonschema type names: object, array, string, integer, number, boolean, null. */
  public static Schema types(String... typeNames) {
    Schema s = new Schema();
    s.types = List.of(typeNames);
    return s;
  }

  public static Schema object() {
    return types("object");
  }

  public static Schema string() {
    return types("string");
  }

  public static Schema integer() {
    return types("integer");
  }

  public static Schema number() {
    return types("number");
  }

  public static Schema bool() {
    return types("boolean");
  }

  public static Schema array(Schema items) {
    Schema s = types("array");
    s.items = items;
    return s;
  }

  /** Adds {@code "null"} to the allowed types. */
  public Schema nullable() {
    Schema s = copy();
    List<String> t = new ArrayList<>(types);
    t.add("null");
    s.types = List.copyOf(t);
    return s;
  }

  public Schema property(String name, Schema schema) {
    Schema s = copy();
    Map<String, Schema> p = new LinkedHashMap<>(properties);
    p.put(name, schema);
    s.properties = p;
    return s;
  }

  public Schema requiredProperty(String name, Schema schema) {
    return property(name, schema).required(name);
  }

  public Schema required(String... names) {
    Schema s = copy();
    List<String> r = new ArrayList<>(required);
    r.addAll(Arrays.asList(names));
    s.required = List.copyOf(r);
    return s;
  }

  /** Keys matching {@code regex} (searched, as Python's re.search) must have values valid for {@code schema}. */
  public Schema patternProperty(String regex, Schema schema) {
    Schema s = copy();
    Map<Pattern, Schema> p = new LinkedHashMap<>(patternProperties);
    p.put(Pattern.compile(regex), schema);
    s.patternProperties = p;
    return s;
  }

  /** {@code additionalProperties: false}: keys not declared are rejected. */
  public Schema closed() {
    Schema s = copy();
    s.additionalProperties = false;
    return s;
  }

  public Schema minLength(int n) {
    Schema s = copy();
    s.minLength = n;
    return s;
  }

  public Schema maxLength(int n) {
    Schema s = copy();
    s.maxLength = n;
    return s;
  }

  public Schema minimum(long n) {
    Schema s = copy();
    s.minimum = n;
    return s;
  }

  public Schema maximum(long n) {
    Schema s = copy();
    s.maximum = n;
    return s;
  }

  public Schema pattern(String regex) {
    Schema s = copy();
    s.pattern = Pattern.compile(regex);
    return s;
  }

  public Schema enumOf(Object... values) {
    Schema s = copy();
    s.enumValues = Arrays.asList(values);
    return s;
  }

  /** {@code oneOf}: exactly one of {@code alternatives} must accept the value (Cinder's optional_boolean). */
  public static Schema oneOf(Schema... alternatives) {
    Schema s = new Schema();
    s.oneOf = List.of(alternatives);
    return s;
  }

  /**
   * {@code anyOf: [{"required": [a]}, {"required": [b]}, ...]}: an object must have at least one of
   * {@code names} (Cinder's update schemas from 3.53).
   */
  public Schema anyOfRequired(String... names) {
    Schema s = copy();
    s.anyOfRequired = List.of(names);
    return s;
  }

  /** Only {@code "uuid"} is known (Cinder's uuidutils.is_uuid_like). */
  public Schema format(String name) {
    if (!name.equals("uuid")) {
      throw new IllegalArgumentException("unsupported format: " + name);
    }
    Schema s = copy();
    s.format = name;
    return s;
  }

  /** @throws ApiException 400 with Cinder's message for the first error */
  public void validate(Object instance) {
    firstError(instance).ifPresent(e -> {
      throw ApiException.badRequest(e.detail());
    });
  }

  public Optional<ValidationError> firstError(Object instance) {
    return check(instance, new ArrayList<>());
  }

  private Optional<ValidationError> check(Object instance, List<Object> path) {
    if (!types.isEmpty() && types.stream().noneMatch(t -> isType(instance, t))) {
      StringBuilder msg = new StringBuilder(PyRepr.repr(instance)).append(" is not of type ");
      for (int i = 0; i < types.size(); i++) {
        msg.append(i > 0 ? ", " : "").append(PyRepr.repr(types.get(i)));
      }
      return error(path, instance, msg.toString());
    }
    if (enumValues != null && enumValues.stream().noneMatch(v -> pyEquals(v, instance))) {
      return error(path, instance, PyRepr.repr(instance) + " is not one of " + PyRepr.repr(enumValues));
    }
    if (instance instanceof CharSequence cs) {
      Optional<ValidationError> e = checkString(cs.toString(), path);
      if (e.isPresent()) {
        return e;
      }
    }
    if (isType(instance, "number")) {
      Optional<ValidationError> e = checkNumber((Number) instance, path);
      if (e.isPresent()) {
        return e;
      }
    }
    if (items != null && isType(instance, "array")) {
      List<?> list = asList(instance);
      for (int i = 0; i < list.size(); i++) {
        Optional<ValidationError> e = items.check(list.get(i), append(path, i));
        if (e.isPresent()) {
          return e;
        }
      }
    }
    if (isType(instance, "object")) {
      Optional<ValidationError> e = checkObject(asMap(instance), instance, path);
      if (e.isPresent()) {
        return e;
      }
      if (!anyOfRequired.isEmpty() && anyOfRequired.stream().noneMatch(asMap(instance)::containsKey)) {
        return error(path, instance, PyRepr.repr(instance) + " is not valid under any of the given schemas");
      }
    }
    if (!oneOf.isEmpty()) {
      long valid = oneOf.stream().filter(alt -> alt.check(instance, path).isEmpty()).count();
      if (valid != 1) {
        return error(path, instance, PyRepr.repr(instance) + (valid == 0
            ? " is not valid under any of the given schemas" : " is valid under each of the given schemas"));
      }
    }
    return Optional.empty();
  }

  private Optional<ValidationError> checkString(String s, List<Object> path) {
    if (format != null && !UUID_LIKE.matcher(s).matches()) {
      return error(path, s, PyRepr.repr(s) + " is not a " + PyRepr.repr(format));
    }
    if (pattern != null && !pattern.matcher(s).find()) {
      return error(path, s, PyRepr.repr(s) + " does not match " + PyRepr.repr(pattern.pattern()));
    }
    int length = s.codePointCount(0, s.length());
    if (minLength != null && length < minLength) {
      return error(path, s, PyRepr.repr(s) + " is too short");
    }
    if (maxLength != null && length > maxLength) {
      return error(path, s, PyRepr.repr(s) + " is too long");
    }
    return Optional.empty();
  }

  private Optional<ValidationError> checkNumber(Number n, List<Object> path) {
    BigDecimal value = decimal(n);
    if (minimum != null && value.compareTo(decimal(minimum)) < 0) {
      return error(path, n, PyRepr.repr(n) + " is less than the minimum of " + PyRepr.repr(minimum));
    }
    if (maximum != null && value.compareTo(decimal(maximum)) > 0) {
      return error(path, n, PyRepr.repr(n) + " is greater than the maximum of " + PyRepr.repr(maximum));
    }
    return Optional.empty();
  }

  private Optional<ValidationError> checkObject(Map<?, ?> map, Object instance, List<Object> path) {
    for (Map.Entry<String, Schema> p : properties.entrySet()) {
      if (map.containsKey(p.getKey())) {
        Optional<ValidationError> e = p.getValue().check(map.get(p.getKey()), append(path, p.getKey()));
        if (e.isPresent()) {
          return e;
        }
      }
    }
    for (Map.Entry<Pattern, Schema> p : patternProperties.entrySet()) {
      Pattern regex = p.getKey();
      for (Map.Entry<?, ?> field : map.entrySet()) {
        if (regex.matcher(String.valueOf(field.getKey())).find()) {
          Optional<ValidationError> e = p.getValue().check(field.getValue(), append(path, field.getKey()));
          if (e.isPresent()) {
            return e;
          }
        }
      }
    }
    for (String name : required) {
      if (!map.containsKey(name)) {
        return error(path, instance, PyRepr.repr(name) + " is a required property");
      }
    }
    if (!additionalProperties) {
      List<String> extras = new ArrayList<>();
      for (Object key : map.keySet()) {
        String k = String.valueOf(key);
        if (!properties.containsKey(k)
            && patternProperties.keySet().stream().noneMatch(r -> r.matcher(k).find())) {
          extras.add(PyRepr.repr(k));
        }
      }
      if (!extras.isEmpty()) {
        return error(path, instance, "Additional properties are not allowed (" + String.join(", ", extras)
            + (extras.size() == 1 ? " was" : " were") + " unexpected)");
      }
    }
    return Optional.empty();
  }

  private static Optional<ValidationError> error(List<Object> path, Object instance, String message) {
    return Optional.of(new ValidationError(path, instance, message));
  }

  private static List<Object> append(List<Object> path, Object element) {
    List<Object> p = new ArrayList<>(path);
    p.add(element);
    return p;
  }

  // draft 4 types: integers are whole JSON numbers without a fraction part; booleans are not numbers
  static boolean isType(Object v, String type) {
    return switch (type) {
      case "object" -> v instanceof Map || v instanceof JsonObject;
      case "array" -> v instanceof List || v instanceof JsonArray;
      case "string" -> v instanceof CharSequence;
      case "integer" -> v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
          || v instanceof BigInteger;
      case "number" -> v instanceof Number;
      case "boolean" -> v instanceof Boolean;
      case "null" -> v == null;
      default -> throw new IllegalArgumentException("unknown JSON schema type: " + type);
    };
  }

  private static Map<?, ?> asMap(Object v) {
    return v instanceof JsonObject o ? o.getMap() : (Map<?, ?>) v;
  }

  private static List<?> asList(Object v) {
    return v instanceof JsonArray a ? a.getList() : (List<?>) v;
  }

  private static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal d ? d
        : n instanceof BigInteger i ? new BigDecimal(i)
        : n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue())
        : BigDecimal.valueOf(n.longValue());
  }

  // Python equality: True == 1, 1 == 1.0, but '1' != 1
  private static boolean pyEquals(Object a, Object b) {
    Object x = a instanceof Boolean ab ? (Integer) (ab ? 1 : 0) : a;
    Object y = b instanceof Boolean bb ? (Integer) (bb ? 1 : 0) : b;
    if (x instanceof Number nx && y instanceof Number ny) {
      return decimal(nx).compareTo(decimal(ny)) == 0;
    }
    return x == null ? y == null : x.equals(y);
  }
}
