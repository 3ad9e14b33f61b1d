package org.cinderemu.deploy.it;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** A minimal Block Storage v3 client for the end-to-end tests (noauth: token {@code user:project}). */
public final class CinderHttp {

  /** One answer: status and parsed body (empty object when there is none). */
  public record Answer(int status, JsonObject body) {
  }

  private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  public final String project;
  public final String user;
  private Duration timeout = Duration.ofSeconds(30);

  public CinderHttp(int port) {
    this(port, null, UUID.randomUUID().toString().replace("-", ""));
  }

  /** A caller with this user and project ({@code user} null: one derived from the project). */
  public CinderHttp(int port, String user, String project) {
    this("127.0.0.1", port, user, project);
  }

  /** A caller of an API on another address (a "machine" of its own in MultiHostIT). */
  public CinderHttp(String host, int port, String user, String project) {
    this.project = project;
    this.user = user != null ? user : "u-" + project.substring(0, 6);
    this.base = "http://" + host + ":" + port + "/v3/" + project;
  }

  public Answer send(String method, String path, JsonObject body) {
    return send(method, path, body, "3.64");
  }

  /** A request at the given microversion ({@code OpenStack-API-Version: volume <microversion>}). */
  public Answer send(String method, String path, JsonObject body, String microversion) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(timeout)
        .header("X-Auth-Token", user + ":" + project)
        .header("OpenStack-API-Version", "volume " + microversion)
        .header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      String text = r.body();
      return new Answer(r.statusCode(), text == null || text.isBlank() ? new JsonObject() : new JsonObject(text));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits this long for each answer (30 s by default), over HTTP/1.1 (a connection per request in flight): for
   * many requests held at once while a broker is away, beyond what one HTTP/2 connection carries.
   */
  public CinderHttp patient(Duration answerTimeout) {
    this.timeout = answerTimeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
        .build();
    return this;
  }

  public JsonObject ok(String method, String path, JsonObject body) {
    Answer a = send(method, path, body);
    if (a.status() >= 300) {
      throw new AssertionError(method + " " + path + " answered " + a.status() + ": " + a.body());
    }
    return a.body();
  }

  /** Lifts this project's quotas so that tests creating many volumes are not refused. */
  public CinderHttp unlimited() {
    ok("PUT", "/os-quota-sets/" + project, new JsonObject().put("quota_set", new JsonObject()
        .put("volumes", -1).put("gigabytes", -1).put("backups", -1).put("backup_gigabytes", -1)));
    return this;
  }

  public String createType(String name, JsonObject extraSpecs) {
    return ok("POST", "/types", new JsonObject().put("volume_type",
        new JsonObject().put("name", name).put("extra_specs", extraSpecs))).getJsonObject("volume_type")
        .getString("id");
  }

  /** Creates a volume and returns its id (the API answers 202 while it is still creating). */
  public String createVolume(int size, String type) {
    JsonObject v = new JsonObject().put("size", size).put("name", "vol-" + UUID.randomUUID().toString()
        .substring(0, 6));
    if (type != null) {
      v.put("volume_type", type);
    }
    return ok("POST", "/volumes", new JsonObject().put("volume", v)).getJsonObject("volume").getString("id");
  }

  public JsonObject volume(String id) {
    return ok("GET", "/volumes/" + id, null).getJsonObject("volume");
  }

  /** Waits until the volume leaves the transitional states and returns it. */
  public JsonObject awaitSettled(String id, Duration atMost) {
    AtomicReference<JsonObject> last = new AtomicReference<>();
    await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonObject v = volume(id);
      last.set(v);
      String s = v.getString("status");
      return !s.equals("creating") && !s.equals("deleting") && !s.equals("extending");
    });
    return last.get();
  }

  // ---- backups ----

  /** Creates a backup of the volume and returns its id (the API answers 202 while it is still creating). */
  public String createBackup(String volumeId, boolean incremental) {
    JsonObject b = new JsonObject().put("volume_id", volumeId).put("incremental", incremental)
        .put("name", "bak-" + UUID.randomUUID().toString().substring(0, 6));
    return ok("POST", "/backups", new JsonObject().put("backup", b)).getJsonObject("backup").getString("id");
  }

  public JsonObject backup(String id) {
    return ok("GET", "/backups/" + id, null).getJsonObject("backup");
  }

  /** Waits until the backup leaves creating, restoring and deleting, and returns it. */
  public JsonObject awaitBackupSettled(String id, Duration atMost) {
    AtomicReference<JsonObject> last = new AtomicReference<>();
    await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonObject b = backup(id);
      last.set(b);
      String s = b.getString("status");
      return !s.equals("creating") && !s.equals("restoring") && !s.equals("deleting");
    });
    return last.get();
  }

  /** Restores a backup into {@code volumeId}, or into a volume the API creates when it is null; returns the target. */
  public String restoreBackup(String backupId, String volumeId) {
    JsonObject r = new JsonObject();
    if (volumeId != null) {
      r.put("volume_id", volumeId);
    }
    return ok("POST", "/backups/" + backupId + "/restore", new JsonObject().put("restore", r))
        .getJsonObject("restore").getString("volume_id");
  }

  /** Waits until the volume's status is {@code status} and returns it. */
  public JsonObject awaitVolumeStatus(String id, String status, Duration atMost) {
    AtomicReference<JsonObject> last = new AtomicReference<>();
    try {
      await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
        JsonObject v = volume(id);
        last.set(v);
        return status.equals(v.getString("status"));
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("volume " + id + " never became " + status + ": " + last.get(), e);
    }
    return last.get();
  }

  // ---- any resource, by id or by name (what the CLI wrappers poll before their one confirming run) ----

  /**
   * The {@code collection} resource (volumes, backups) named or identified by {@code nameOrId}, or null when
   * there is none; more than one of that name is an error, as in the clients.
   */
  public JsonObject find(String collection, String nameOrId) {
    String key = collection.substring(0, collection.length() - 1);
    Answer byId = send("GET", "/" + collection + "/" + nameOrId, null);
    if (byId.status() == 200) {
      return byId.body().getJsonObject(key);
    }
    List<JsonObject> named = ok("GET", "/" + collection + "/detail?name="
        + URLEncoder.encode(nameOrId, StandardCharsets.UTF_8), null).getJsonArray(collection).stream()
        .map(o -> (JsonObject) o).toList();
    if (named.size() > 1) {
      throw new AssertionError(named.size() + " " + collection + " named " + nameOrId);
    }
    return named.isEmpty() ? null : named.get(0);
  }

  /** Waits until the resource exists and {@code done} holds for it; returns it. */
  public JsonObject awaitFound(String collection, String nameOrId, Duration atMost, Predicate<JsonObject> done) {
    AtomicReference<JsonObject> last = new AtomicReference<>();
    await().atMost(atMost).pollInterval(Duration.ofMillis(100)).alias(collection + " " + nameOrId)
        .until(() -> {
          last.set(find(collection, nameOrId));
          return last.get() != null && done.test(last.get());
        });
    return last.get();
  }

  /** Waits until the resource is gone. */
  public void awaitGone(String collection, String nameOrId, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(100)).alias(collection + " " + nameOrId + " gone")
        .until(() -> find(collection, nameOrId) == null);
  }

  /** The os-services entry of {@code binary} on exactly {@code host}, or null. */
  public JsonObject service(String binary, String host) {
    return ok("GET", "/os-services?binary=" + binary, null).getJsonArray("services").stream()
        .map(s -> (JsonObject) s).filter(s -> host.equals(s.getString("host"))).findFirst().orElse(null);
  }
}
