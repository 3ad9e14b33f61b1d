package org.cinderemu.api.microversion;

import java.util.List;
import java.util.Locale;
import org.cinderemu.api.http.ApiException;

/**
 * Negotiates the microversion from {@code OpenStack-API-Version} header values the way Cinder does
 * (microversion_parse + APIVersionRequest): entries are {@code "<service> <version>"} separated by
 * commas, only the {@code volume} entry counts, absent ⇒ 3.0, {@code latest} ⇒ 3.70.
 */
public final class MicroversionHeader {

  public static final String NAME = "OpenStack-API-Version";
  public static final String SERVICE_TYPE = "volume";

  private MicroversionHeader() {
  }

  /**
   * @param headerValues every value of the header (HTTP allows it repeated); may be empty
   * @throws ApiException 400 when malformed, 406 when outside [{@link ApiVersion#MIN}, {@link ApiVersion#MAX}]
   */
  public static ApiVersion negotiate(List<String> headerValues) {
    String requested = volumeEntry(headerValues);
    if (requested == null) {
      return ApiVersion.MIN;
    }
    if (requested.equalsIgnoreCase("latest")) {
      return ApiVersion.MAX;
    }
    ApiVersion version;
    try {
      version = ApiVersion.parse(requested);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (!version.isWithin(ApiVersion.MIN, ApiVersion.MAX)) {
      throw new ApiException(406, "Version " + version + " is not supported by the API. Minimum is "
          + ApiVersion.MIN + " and maximum is " + ApiVersion.MAX + ".");
    }
    return version;
  }

  /** The header value a response carries: {@code volume 3.NN}. */
  public static String responseValue(ApiVersion version) {
    return SERVICE_TYPE + " " + version;
  }

  private static String volumeEntry(List<String> headerValues) {
    String found = null;
    for (String value : headerValues) {
      for (String entry : value.split(",")) {
        String trimmed = entry.strip();
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length != 2) {
          throw ApiException.badRequest(ApiVersion.invalidFormatMessage(trimmed));
        }
        if (parts[0].toLowerCase(Locale.ROOT).equals(SERVICE_TYPE)) {
          found = parts[1];
        }
      }
    }
    return found;
  }
}
