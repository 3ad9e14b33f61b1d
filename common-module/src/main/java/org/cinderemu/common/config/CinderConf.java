package org.cinderemu.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cinder.conf in oslo.config's INI form: {@code [section]} headers, {@code key = value} lines,
 * '#' or ';' comments, indented continuation lines. Option names are the ones Cinder uses
 * ({@code host}, {@code transport_url}, {@code enabled_backends}, {@code [database] connection}, ...).
 * Immutable: {@link #with(String, String, String)} returns a copy, so one JVM can hold many services.
 */
public final class CinderConf {

  public static final String DEFAULT = "DEFAULT";
  /** oslo's group for options shared by every backend section (Cinder's {@code [backend_defaults]}). */
  public static final String BACKEND_DEFAULTS = "backend_defaults";

  private final Map<String, Map<String, String>> sections;

  private CinderConf(Map<String, Map<String, String>> sections) {
    this.sections = sections;
  }

  public static CinderConf empty() {
    return new CinderConf(new LinkedHashMap<>());
  }

  public static CinderConf load(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  public static CinderConf parse(String text) {
    return parse(text, "<string>");
  }

  static CinderConf parse(String text, String source) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    String section = null;
    String lastKey = null;
    int lineNo = 0;
    for (String raw : text.split("\r?\n", -1)) {
      lineNo++;
      String trimmed = raw.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
        continue;
      }
      if (Character.isWhitespace(raw.charAt(0)) && lastKey != null && section != null) {
        // oslo.config continuation line: appended with a newline
        Map<String, String> s = sections.get(section);
        s.put(lastKey, s.get(lastKey) + "\n" + trimmed);
        continue;
      }
      if (trimmed.startsWith("[")) {
        if (!trimmed.endsWith("]") || trimmed.length() < 3) {
          throw new ConfigException(source + ":" + lineNo + ": malformed section header: " + trimmed);
        }
        section = trimmed.substring(1, trimmed.length() - 1).strip();
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
        lastKey = null;
        continue;
      }
      if (section == null) {
        throw new ConfigException(source + ":" + lineNo + ": option outside any [section]: " + trimmed);
      }
      int eq = indexOfSeparator(trimmed);
      if (eq <= 0) {
        throw new ConfigException(source + ":" + lineNo + ": expected 'name = value', got: " + trimmed);
      }
      lastKey = trimmed.substring(0, eq).strip();
      sections.get(section).put(lastKey, unquote(trimmed.substring(eq + 1).strip()));
    }
    return new CinderConf(sections);
  }

  // option names never hold '=' or ':', so the first of either separates name from value
  private static int indexOfSeparator(String line) {
    int eq = line.indexOf('=');
    int colon = line.indexOf(':');
    return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /**
   * The value of {@code opt}, or its default (null when it has none). Not for {@link Opt#BACKEND} options,
   * which need the backend: {@link #get(Opt, String)}.
   *
   * @throws ConfigException naming the section and option when the value does not parse or is out of range
   */
  public <T> T get(Opt<T> opt) {
    return find(opt).orElse(opt.defaultValue());
  }

  /** The value of {@code opt} when cinder.conf sets it; its default is not applied. */
  public <T> Optional<T> find(Opt<T> opt) {
    if (opt.perBackend()) {
      throw new IllegalArgumentException(opt.name() + " is a per-backend option: name the backend");
    }
    return get(opt.group(), opt.name()).map(v -> OptParser.parse(opt, opt.group(), v));
  }

  /** A per-backend option: the backend's section, then {@code [backend_defaults]}, then the default. */
  public <T> T get(Opt<T> opt, String backend) {
    return find(opt, backend).orElse(opt.defaultValue());
  }

  /** A per-backend option when the backend's section or {@code [backend_defaults]} sets it. */
  public <T> Optional<T> find(Opt<T> opt, String backend) {
    if (!opt.perBackend()) {
      throw new IllegalArgumentException(opt.key() + " is not a per-backend option");
    }
    Optional<String> own = get(backend, opt.name());
    String section = own.isPresent() ? backend : BACKEND_DEFAULTS;
    return own.or(() -> get(BACKEND_DEFAULTS, opt.name())).map(v -> OptParser.parse(opt, section, v));
  }

  /** A copy with {@code opt} set (per-backend options go to {@code [backend_defaults]}). */
  public CinderConf with(Opt<?> opt, String value) {
    return with(opt.perBackend() ? BACKEND_DEFAULTS : opt.group(), opt.name(), value);
  }

  // ---- raw access by name: tests and the launcher's plumbing; services read through Opt constants ----

  public Optional<String> get(String section, String key) {
    Map<String, String> s = sections.get(section);
    return Optional.ofNullable(s == null ? null : s.get(key));
  }

  public String get(String section, String key, String dflt) {
    return get(section, key).orElse(dflt);
  }

  public String getDefault(String key, String dflt) {
    return get(DEFAULT, key, dflt);
  }

  public int getInt(String section, String key, int dflt) {
    return get(Opt.integer(section, key, dflt));
  }

  public double getDouble(String section, String key, double dflt) {
    return get(Opt.floating(section, key, dflt));
  }

  public boolean getBool(String section, String key, boolean dflt) {
    return get(Opt.bool(section, key, dflt));
  }

  /** oslo ListOpt: comma separated, blanks stripped, empty items dropped. */
  public List<String> getList(String section, String key, List<String> dflt) {
    return get(Opt.list(section, key, dflt));
  }

  /** A backend option: its own section, then {@code [backend_defaults]}. */
  public Optional<String> backendOption(String backend, String key) {
    return get(backend, key).or(() -> get(BACKEND_DEFAULTS, key));
  }

  public Map<String, String> section(String name) {
    return Collections.unmodifiableMap(sections.getOrDefault(name, Map.of()));
  }

  /** The section names in file order ({@code DEFAULT} included when present). */
  public Set<String> sectionNames() {
    return Collections.unmodifiableSet(sections.keySet());
  }

  public boolean hasSection(String name) {
    return sections.containsKey(name);
  }

  /** A copy with one option set: tests and the launcher derive per-service configs this way. */
  public CinderConf with(String section, String key, String value) {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    sections.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
    copy.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, value);
    return new CinderConf(copy);
  }

  /** Writes the INI text back; the launcher hands it to child processes. */
  public String toIni() {
    StringBuilder sb = new StringBuilder();
    sections.forEach((name, opts) -> {
      sb.append('[').append(name).append("]\n");
      opts.forEach((k, v) -> sb.append(k).append(" = ").append(v.replace("\n", "\n  ")).append('\n'));
      sb.append('\n');
    });
    return sb.toString();
  }

  /** A config file that cannot be used, with the file, line and option named. */
  public static final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
      super(message);
    }
  }
}
