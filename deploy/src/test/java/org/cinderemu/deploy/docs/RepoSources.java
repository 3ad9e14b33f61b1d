package org.cinderemu.deploy.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's files, found from the module a test runs in (Maven runs tests in the module directory). */
final class RepoSources {

  private RepoSources() {
  }

  /** The directory holding the root pom.xml and docs/. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("docs")) && Files.isRegularFile(d.resolve("pom.xml"))
          && Files.isDirectory(d.resolve("common-module"))) {
        return d;
      }
    }
    throw new IllegalStateException("no repository root above " + dir);
  }

  /** Every {@code src/main/java} source file of every module. */
  static List<Path> mainSources() {
    return sources("src/main/java");
  }

  /** Every Java source file, main and test, of every module. */
  static List<Path> allSources() {
    return Stream.concat(sources("src/main/java").stream(), sources("src/test/java").stream())
        .toList();
  }

  private static List<Path> sources(String under) {
    try (Stream<Path> modules = Files.list(root())) {
      return modules.map(m -> m.resolve(under)).filter(Files::isDirectory)
          .flatMap(RepoSources::javaFiles).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code org.cinderemu.x.Y} for {@code <module>/src/main/java/org/cinderemu/x/Y.java}. */
  static String className(Path source) {
    String s = source.toString().replace('\\', '/');
    String rel = s.substring(s.indexOf("/src/main/java/") + "/src/main/java/".length());
    return rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
