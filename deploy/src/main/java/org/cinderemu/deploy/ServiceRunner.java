package org.cinderemu.deploy;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one service binary inside one Vert.x instance: deploys its verticles, then announces readiness through
 * the ready file the supervisor waits for; {@link #stop()} withdraws the announcement first, then undeploys.
 */
public final class ServiceRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

  private final String binary;
  private final PidFile readyFile;
  private final Vertx vertx;

  public ServiceRunner(String binary, PidFile readyFile, Vertx vertx) {
    this.binary = binary;
    this.readyFile = readyFile;
    this.vertx = vertx;
  }

  /** Deploys every verticle; the ready file (holding this JVM's pid) appears only once all of them are up. */
  public Future<Void> start(List<? extends Deployable> verticles) {
    readyFile.delete();
    List<Future<String>> deployments = verticles.stream().map(vertx::deployVerticle).toList();
    return Future.all(deployments)
        .compose(all -> vertx.executeBlocking(() -> {
          readyFile.write(ProcessHandle.current().pid());
          return null;
        }))
        .<Void>mapEmpty()
        .onSuccess(v -> LOG.info("{} ready: {} verticle(s) deployed, {} written", binary, verticles.size(),
            readyFile.path()));
  }

  /** Removes the ready file, then closes Vert.x, which undeploys every verticle. */
  public Future<Void> stop() {
    readyFile.delete();
    LOG.info("{} stopping", binary);
    return vertx.close();
  }
}
