package org.cinderemu.api.validation;

import org.cinderemu.common.py.PyRepr;
import java.util.List;

/**
 * One jsonschema error: where ({@code path} of property names / array indexes from the body root), the
 * offending value and jsonschema's message.
 */
public record ValidationError(List<Object> path, Object instance, String message) {

  public ValidationError {
    path = List.copyOf(path);
  }

  /** The text of Cinder's 400, built as cinder/api/validation/validators.py does for request bodies. */
  public String detail() {
    if (path.isEmpty()) {
      return message;
    }
    return "Invalid input for field/attribute " + path.get(path.size() - 1) + ". Value: " + PyRepr.str(instance)
        + ". " + message;
  }
}
