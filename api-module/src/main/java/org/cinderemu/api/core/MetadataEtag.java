package org.cinderemu.api.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The ETag of a volume's metadata (3.15+, cinder/api/v3/volume_metadata.py): the md5 of Python's
 * {@code json.dumps({"metadata": {...}})}, whose separators are {@code ", "} and {@code ": "} and which escapes
 * every non-ASCII character, so the tag equals the one real Cinder computes for the same entries in the same
 * order. {@code If-Match} is compared as webob does: any listed tag, quotes and {@code W/} ignored, {@code *}
 * matches all.
 */
public final class MetadataEtag {

  private MetadataEtag() {
  }

  public static String of(Map<String, String> metadata) {
    StringBuilder sb = new StringBuilder("{\"metadata\": {");
    boolean first = true;
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      quote(sb, e.getKey()).append(": ");
      quote(sb, e.getValue());
    }
    sb.append("}}");
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when there is no If-Match header or one of its tags is {@code etag}. */
  public static boolean matches(String ifMatch, String etag) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return true;
    }
    for (String raw : ifMatch.split(",")) {
      String tag = raw.strip();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
        tag = tag.substring(1, tag.length() - 1);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  // json.dumps with ensure_ascii=True
  private static StringBuilder quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }
}
