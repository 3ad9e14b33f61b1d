package org.cinderemu.common.objects.fields;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Cinder enum field (cinder/objects/fields.py): each constant has the string that goes on the wire and
 * into the database. Repositories and objects keep plain strings; code names a value through its enum.
 */
public interface WireEnum {

  /** The value as Cinder writes it, e.g. {@code "in-use"}. */
  String wire();

  /** True when {@code value} is this constant's wire string. */
  default boolean is(String value) {
    return wire().equals(value);
  }

  /** The constant of {@code type} whose wire string is {@code value}, if any. */
  static <E extends Enum<E> & WireEnum> Optional<E> fromWire(Class<E> type, String value) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.is(value)).findFirst();
  }

  /** The wire strings of {@code values}, for the status lists of compare-and-set updates. */
  @SafeVarargs
  static <E extends WireEnum> List<String> wires(E... values) {
    return Arrays.stream(values).map(WireEnum::wire).toList();
  }
}
