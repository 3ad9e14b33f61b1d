package org.cinderemu.common.chaos;

import java.util.regex.Pattern;

/**
 * A shell-style pattern as rules write them: {@code *} any run of characters, {@code ?} one, everything else
 * itself. Null or {@code *} matches anything.
 */
public record Glob(String text, Pattern regex) {

  public static final Glob ANY = new Glob("*", null);

  public static Glob of(String text) {
    if (text == null || text.equals("*")) {
      return ANY;
    }
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?') {
        re.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    re.append(Pattern.quote(literal.toString()));
    return new Glob(text, Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  public boolean matches(String value) {
    return regex == null || (value != null && regex.matcher(value).matches());
  }

  // a Pattern has no value equality: two globs are equal when they were written the same
  @Override
  public boolean equals(Object o) {
    return o instanceof Glob g && g.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
