package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.cinderemu.deploy.CinderEmu;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cinder-emu trace} on the seed lab: the hops every service recorded in the shared database show where a
 * typed volume create and a backup went, queue by queue, in order, with the status transitions they caused.
 */
class TraceIT {

  private static final Duration SETTLE = Duration.ofSeconds(60);

  static Lab lab;
  static CinderHttp cinder;
  static Path confFile;
  static String host;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab().startAll();
    host = lab.host;
    cinder = new CinderHttp(lab.apiVerticle().actualPort()).unlimited();
    confFile = lab.stateDir.resolve("trace.conf");
    Files.writeString(confFile, lab.conf().toIni());
    cinder.createType("new_lvm_backend", new JsonObject().put("volume_backend_name", "new_lvm_backend"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aTypedCreateGoesApiSchedulerBackendThenTheCapabilityFanout() {
    String id = cinder.createVolume(1, "new_lvm_backend");
    assertThat(cinder.awaitSettled(id, SETTLE).getString("status")).isEqualTo("available");
    String backend = host + "@whatever_it_is";

    String text = awaitTrace(id, "text", o -> o.contains("update_service_capabilities")
        && o.contains("creating -> available"));
    List<String> lines = text.lines().toList();
    int toScheduler = indexOf(lines, "cast   create_volume", "cinder-api@" + host + " -> cinder-scheduler@" + host,
        "exchange=openstack routing_key=cinder-scheduler queue=cinder-scheduler ");
    // the scheduler casts to the backend's own topic and server: cinder-volume.<host>@<backend>.<host>
    int toBackend = indexOf(lines, "cast   create_volume", "cinder-scheduler@" + host + " -> cinder-volume@" + backend,
        "routing_key=cinder-volume." + backend + "." + host + " queue=cinder-volume." + backend + "." + host + " ");
    int fanout = indexOf(lines, "fanout update_service_capabilities",
        "cinder-volume@" + backend + " -> cinder-scheduler@" + host, "exchange=cinder-scheduler_fanout",
        "queue=cinder-scheduler_fanout_");
    assertThat(toScheduler).as(text).isGreaterThanOrEqualTo(0).isLessThan(toBackend);
    assertThat(toBackend).as(text).isLessThan(fanout);
    assertThat(lines.get(toBackend)).as("times of a consumed hop").matches(".*published=\\S+ consumed=\\S+ "
        + "\\(queue [0-9.]+ ms\\) finished=\\S+ \\(handler [0-9.]+ ms\\).*");
    int created = indexOf(lines, "volume " + id + ": (new) -> creating", "by cinder-api@" + host);
    int available = indexOf(lines, "volume " + id + ": creating -> available", "by cinder-volume@" + backend);
    assertThat(created).as(text).isGreaterThan(fanout).isLessThan(available);

    String mermaid = trace(id, "mermaid");
    assertThat(mermaid).startsWith("sequenceDiagram").contains("participant p1 as API")
        .contains("create_volume [cinder-volume." + backend + "." + host + "]")
        .contains("update_service_capabilities [cinder-scheduler_fanout]")
        .contains("Note over ");

    JsonObject json = new JsonObject(trace(id, "json"));
    JsonArray hops = json.getJsonArray("hops");
    assertThat(hops.stream().map(JsonObject.class::cast)
        .filter(h -> "publish".equals(h.getString("side")) && "create_volume".equals(h.getString("method")))
        .map(h -> h.getString("routing_key")))
        .containsExactly("cinder-scheduler", "cinder-volume." + backend + "." + host);
  }

  @Test
  void aBackupIsRoutedByTheSchedulerToItsBackupHost() {
    String volume = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(volume, SETTLE).getString("status")).isEqualTo("available");
    String backup = cinder.createBackup(volume, false);
    assertThat(cinder.awaitBackupSettled(backup, SETTLE).getString("status")).isEqualTo("available");

    String text = awaitTrace(backup, "text", o -> o.contains("creating -> available"));
    List<String> lines = text.lines().toList();
    int toScheduler = indexOf(lines, "cast   create_backup", "cinder-api@" + host + " -> cinder-scheduler@" + host,
        "routing_key=cinder-scheduler ");
    int toBackup = indexOf(lines, "cast   create_backup", "cinder-scheduler@" + host + " -> cinder-backup@" + host,
        "routing_key=cinder-backup." + host + " queue=cinder-backup." + host + " ");
    int device = indexOf(lines, "get_backup_device", "cinder-backup@" + host + " -> cinder-volume@" + host + "@");
    assertThat(toScheduler).as(text).isGreaterThanOrEqualTo(0).isLessThan(toBackup);
    assertThat(toBackup).as(text).isLessThan(device);
    indexOf(lines, "volume " + volume + ": available -> backing-up");
    indexOf(lines, "backup " + backup + ": creating -> available", "by cinder-backup@" + host);
  }

  private static int indexOf(List<String> lines, String... parts) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (List.of(parts).stream().allMatch(line::contains)) {
        return i;
      }
    }
    throw new AssertionError("no line with " + List.of(parts) + " in:\n" + String.join("\n", lines));
  }

  /** The trace once the services' buffered hops reached the database (they write every 250 ms). */
  private static String awaitTrace(String id, String format, Predicate<String> complete) {
    List<String> last = new ArrayList<>(List.of(""));
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
      last.set(0, trace(id, format));
      return complete.test(last.get(0));
    });
    return last.get(0);
  }

  /** The launcher's own command line, as {@code cinder-emu trace ID --config FILE --format F} runs it. */
  private static String trace(String id, String format) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = CinderEmu.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("trace", id, "--config", confFile.toString(), "--format", format);
    return code == 0 ? out.toString() : "exit " + code + ": " + err;
  }
}
