package org.cinderemu.deploy.chaos.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cinderemu.deploy.ParentLifeline;
import org.cinderemu.deploy.PidFile;
import org.cinderemu.deploy.PrivateFiles;
import org.cinderemu.deploy.StateDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The stack's chaos proxy as its own process ({@code up --chaos-proxy}): one proxy per service child between it
 * and the broker. The control API's URL goes to {@code run/cinder-proxy.control}; ready once every proxy listens.
 */
@Command(name = "proxy-server", mixinStandardHelpOptions = true,
    description = "Serve the chaos TCP proxies of a --proxies file and their Toxiproxy-shaped control API on "
        + "127.0.0.1 (started by `up --chaos-proxy`)")
public final class ProxyServerCommand implements Callable<Integer> {

  /** The child's name in the state directory's run/ and logs/. */
  public static final String NAME = "cinder-proxy";
  private static final Logger LOG = LoggerFactory.getLogger(ProxyServerCommand.class);

  @Option(names = "--state-dir", required = true, paramLabel = "DIR", description = "the stack's state directory")
  Path stateDir;

  @Option(names = "--proxies", required = true, paramLabel = "FILE",
      description = "a JSON array of {\"name\", \"listen\", \"upstream\"}")
  Path proxies;

  @Option(names = "--control-port", paramLabel = "N", defaultValue = "0",
      description = "the control API's port on 127.0.0.1 (default: any free one)")
  int controlPort;

  /** Where {@code state}'s proxy announces its control API. */
  public static Path controlFile(StateDir state) {
    return state.runDir().resolve(NAME + ".control");
  }

  @Override
  public Integer call() throws Exception {
    ParentLifeline.watch(NAME);
    StateDir state = new StateDir(stateDir).create();
    List<ProxySpec> specs = new ArrayList<>();
    new JsonArray(Files.readString(proxies)).forEach(p -> specs.add(ProxySpec.fromJson((JsonObject) p)));
    Vertx vertx = Vertx.vertx();
    ProxyServer server = ProxyServer.deploy(vertx, "127.0.0.1", controlPort, specs).await(30, TimeUnit.SECONDS);
    PidFile ready = state.readyFile(NAME);
    Path control = controlFile(state);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ready.delete();
      control.toFile().delete();
      vertx.close().await();
      LOG.info("chaos proxy stopped");
    }, NAME + "-shutdown"));
    PrivateFiles.write(control, server.controlUrl() + "\n");
    LOG.info("chaos proxy: {} proxies, control API {} (written to {})", specs.size(), server.controlUrl(), control);
    ready.write(ProcessHandle.current().pid());
    new CountDownLatch(1).await();  // serve until a signal ends the JVM through the shutdown hook
    return 0;
  }
}
