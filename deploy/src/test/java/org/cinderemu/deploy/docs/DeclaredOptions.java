package org.cinderemu.deploy.docs;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cinderemu.common.config.Opt;

/**
 * Every option the code can read: the {@code static final Opt} constants of every main source file that
 * declares one (found by a source scan, loaded by reflection, so a new options class needs no list).
 */
final class DeclaredOptions {

  private static final Pattern DECLARES_OPT = Pattern.compile("static\\s+final\\s+Opt<");

  /** One declared option and the constant that declares it. */
  record Declared(Opt<?> opt, String where) {
  }

  private DeclaredOptions() {
  }

  static List<Declared> all() {
    List<Declared> out = new ArrayList<>();
    for (Path source : RepoSources.mainSources()) {
      if (DECLARES_OPT.matcher(RepoSources.read(source)).find()) {
        out.addAll(declaredIn(RepoSources.className(source)));
      }
    }
    return out;
  }

  private static List<Declared> declaredIn(String className) {
    List<Declared> out = new ArrayList<>();
    try {
      Class<?> type = Class.forName(className);
      for (Field f : type.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && Opt.class.isAssignableFrom(f.getType())) {
          f.setAccessible(true);
          out.add(new Declared((Opt<?>) f.get(null), type.getSimpleName() + "." + f.getName()));
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the options of " + className, e);
    }
    return out;
  }
}
