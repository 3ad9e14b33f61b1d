package org.cinderemu.api.paging;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Query strings as Python sees them: ordered, case-sensitive, repeated keys kept, blank values kept
 * ({@code parse_qsl(keep_blank_values=True)}), and re-encoded like {@code urllib.parse.urlencode}.
 */
public final class QueryParams {

  private QueryParams() {
  }

  public static List<Map.Entry<String, String>> parse(String rawQuery) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(Map.entry(decode(key), decode(value)));
    }
    return List.copyOf(out);
  }

  /** The first value for {@code key} (webob's {@code pop}), or null. */
  public static String first(List<Map.Entry<String, String>> params, String key) {
    for (Map.Entry<String, String> e : params) {
      if (e.getKey().equals(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  public static boolean contains(List<Map.Entry<String, String>> params, String key) {
    return first(params, key) != null;
  }

  /** {@code urllib.parse.urlencode}: {@code k=v&...} with quote_plus escaping. */
  public static String encode(List<Map.Entry<String, String>> params) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : params) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(quotePlus(e.getKey())).append('=').append(quotePlus(e.getValue()));
    }
    return sb.toString();
  }

  /** Python's {@code quote_plus}: only letters, digits and {@code _.-~} stay literal; space becomes '+'. */
  public static String quotePlus(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '_' || c == '.' || c == '-' || c == '~') {
        sb.append((char) c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  // like Python's unquote_plus, a stray '%' stays literal instead of failing the request
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '%' && isHex(s, i + 1) && isHex(s, i + 2)) {
          bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        } else if (c == '+') {
          bytes.write(' ');
        } else {
          bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }
}
