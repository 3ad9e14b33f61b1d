package org.cinderemu.deploy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Application class data sharing for the child JVMs (JDK 17 dynamic archives): a child whose classes are already
 * archived maps them instead of loading and verifying them from the jar, which is most of its start-up CPU.
 * The first child of a name after a build writes its archive when it exits ({@code -XX:ArchiveClassesAtExit});
 * every later one maps it. Only for a launcher run from one jar (never the test classpath, whose directories
 * CDS cannot archive); the archives live beside the jar, in {@code cds/}, and a newer jar makes them stale.
 */
final class ClassDataSharing {

  static final String DIR = "cds";
  // a claim whose child never wrote the archive (killed while dumping) blocks the next attempt only this long
  private static final Duration CLAIM_LIFETIME = Duration.ofMinutes(10);
  // the dump warns once per class it cannot archive (picocli's are Java 5 classes): hundreds of log lines
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  private final Path jar;

  private ClassDataSharing(Path jar) {
    this.jar = jar;
  }

  /** The archives of the jar this JVM runs from, if it runs from exactly one writable jar. */
  static Optional<ClassDataSharing> forClassPath(String classPath) {
    if (classPath == null || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
      return Optional.empty();
    }
    Path jar = Path.of(classPath).toAbsolutePath();
    return Files.isRegularFile(jar) && Files.isWritable(jar.getParent())
        ? Optional.of(new ClassDataSharing(jar)) : Optional.empty();
  }

  Path archive(String child) {
    return jar.resolveSibling(DIR).resolve(child + ".jsa");
  }

  /**
   * The options for one child: map its archive when one newer than the jar exists; else write it at exit, when
   * no other child of that name is already writing it (two JVMs dumping to one file would corrupt it).
   */
  List<String> options(String child) {
    Path archive = archive(child);
    try {
      FileTime built = Files.getLastModifiedTime(jar);
      if (Files.isRegularFile(archive) && Files.getLastModifiedTime(archive).compareTo(built) > 0) {
        return with(QUIET, "-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
      }
      return claim(archive, built) ? with(QUIET, "-XX:ArchiveClassesAtExit=" + archive) : List.of();
    } catch (IOException e) {
      return List.of();  // no sharing is only slower
    }
  }

  private static List<String> with(List<String> first, String... more) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }

  private static boolean claim(Path archive, FileTime built) throws IOException {
    Files.createDirectories(archive.getParent());
    Path claim = archive.resolveSibling(archive.getFileName() + ".claim");
    if (Files.exists(claim)) {
      FileTime claimed = Files.getLastModifiedTime(claim);
      boolean stale = claimed.compareTo(built) < 0
          || claimed.toInstant().plus(CLAIM_LIFETIME).isBefore(Instant.now());
      if (!stale) {
        return false;
      }
      Files.deleteIfExists(claim);
    }
    try {
      Files.createFile(claim);
      Files.deleteIfExists(archive);  // a stale archive: the JVM would refuse to overwrite nothing, but be sure
      return true;
    } catch (FileAlreadyExistsException raced) {
      return false;
    }
  }
}
