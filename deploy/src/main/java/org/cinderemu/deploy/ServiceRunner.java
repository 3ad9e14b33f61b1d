package org.cinderemu.deploy;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cinderemu.common.admin.AdminOptions;
import org.cinderemu.common.admin.AdminServer;
import org.cinderemu.common.admin.ProcessMetrics;
import org.cinderemu.common.chaos.ChaosControl;
import org.cinderemu.common.chaos.ConnectionFaults;
import org.cinderemu.common.http.HttpServerLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one service binary inside one Vert.x instance: deploys its verticles, starts its admin endpoint (when
 * {@link #withAdmin} gave one) and writes its URL to {@code run/<binary>.admin}, then announces readiness through
 * the ready file the supervisor waits for; {@link #stop()} withdraws the announcements first, then undeploys.
 */
public final class ServiceRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

  private final String binary;
  private final PidFile readyFile;
  private final Vertx vertx;
  private Admin admin;

  /** What the admin endpoint serves and where its URL is announced. */
  private record Admin(AdminOptions options, HttpServerLimits limits, ProcessMetrics metrics, Path urlFile) {
  }

  public ServiceRunner(String binary, PidFile readyFile, Vertx vertx) {
    this.binary = binary;
    this.readyFile = readyFile;
    this.vertx = vertx;
  }

  /** Serves {@code metrics} on an admin endpoint once the verticles are up; its URL goes to {@code urlFile}. */
  public ServiceRunner withAdmin(AdminOptions options, HttpServerLimits limits, ProcessMetrics metrics, Path urlFile) {
    this.admin = new Admin(options, limits, metrics, urlFile);
    return this;
  }

  /** Deploys every verticle; the ready file (holding this JVM's pid) appears only once all of them are up. */
  public Future<Void> start(List<? extends Deployable> verticles) {
    readyFile.delete();
    List<Future<String>> deployments = verticles.stream().map(vertx::deployVerticle).toList();
    return Future.all(deployments)
        .compose(all -> startAdmin())
        .compose(all -> vertx.executeBlocking(() -> {
          readyFile.write(ProcessHandle.current().pid());
          return null;
        }))
        .<Void>mapEmpty()
        .onSuccess(v -> LOG.info("{} ready: {} verticle(s) deployed, {} written", binary, verticles.size(),
            readyFile.path()));
  }

  private Future<Void> startAdmin() {
    if (admin == null) {
      return Future.succeededFuture();
    }
    ChaosControl.current().register(new ConnectionFaults());  // every service process has a broker link to drop
    return AdminServer.start(vertx, admin.options(), admin.limits(), admin.metrics())
        .compose(server -> vertx.executeBlocking(() -> {
          writeUrl(admin.urlFile(), server.url());
          return server.url();
        }))
        .onSuccess(url -> LOG.info("{} admin endpoint {} (/metrics, /healthcheck), written to {}", binary, url,
            admin.urlFile()))
        .mapEmpty();
  }

  private static void writeUrl(Path file, String url) {
    try {
      Files.createDirectories(file.getParent());
      PrivateFiles.write(file, url + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Removes the ready and admin files, then closes Vert.x, which undeploys every verticle. */
  public Future<Void> stop() {
    readyFile.delete();
    if (admin != null) {
      try {
        Files.deleteIfExists(admin.urlFile());
      } catch (IOException e) {
        LOG.warn("cannot delete {}: {}", admin.urlFile(), e.getMessage());
      }
    }
    LOG.info("{} stopping", binary);
    return vertx.close();
  }
}
