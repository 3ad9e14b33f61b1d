package org.cinderemu.deploy.chaos.proxy;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.TransportUrl;
import org.cinderemu.deploy.ChildSpec;
import org.cinderemu.deploy.CinderEmu;
import org.cinderemu.deploy.NetworkChecks;
import org.cinderemu.deploy.PrivateFiles;
import org.cinderemu.deploy.ServicesCommand;
import org.cinderemu.deploy.StateDir;

/**
 * The chaos proxy part of {@code up --chaos-proxy}: each service child gets a proxy of its own, named as the child,
 * between it and the broker, so that a toxic or a partition hits one service's broker link. The child reads a copy
 * of its cinder.conf whose transport_url points at its proxy ({@code <state>/chaos-proxy/<child>.conf}); the
 * {@code cinder-proxy} child serves them all. Off, it changes nothing.
 */
public final class ChaosProxyLaunch {

  static final String DIR = "chaos-proxy";
  private final StateDir state;
  private final boolean on;
  private final List<ProxySpec> proxies = new ArrayList<>();

  public ChaosProxyLaunch(StateDir state, boolean on) {
    this.state = state;
    this.on = on;
  }

  /** {@code children} with each one's {@code --config} files replaced by copies that go through its proxy. */
  public List<ChildSpec> route(List<ChildSpec> children) {
    if (!on) {
      return children;
    }
    List<ChildSpec> routed = new ArrayList<>();
    for (ChildSpec child : children) {
      routed.add(route(child));
    }
    writeSpecs();
    return routed;
  }

  private ChildSpec route(ChildSpec child) {
    List<String> cmd = new ArrayList<>(child.command());
    int n = 0;
    for (int i = 0; i + 1 < cmd.size(); i++) {
      if (cmd.get(i).equals(ServicesCommand.CONFIG_OPTION)) {
        // one proxy per child; an in-process child's several confs share it
        String suffix = n++ == 0 ? "" : "-" + n;
        cmd.set(i + 1, proxiedConf(child.name(), suffix, Path.of(cmd.get(i + 1))).toString());
      }
    }
    return new ChildSpec(child.name(), cmd);
  }

  private Path proxiedConf(String child, String suffix, Path conf) {
    try {
      CinderConf original = CinderConf.load(conf);
      TransportUrl url = TransportUrl.parse(original.get(RpcConfig.TRANSPORT_URL));
      ProxySpec proxy = proxies.stream().filter(p -> p.name().equals(child)).findFirst().orElseGet(() -> {
        ProxySpec p = new ProxySpec(child, new Endpoint("127.0.0.1", NetworkChecks.freeLoopbackPort()),
            new Endpoint(url.host(), url.port()));
        proxies.add(p);
        return p;
      });
      Path copy = dir().resolve(child + suffix + ".conf");
      PrivateFiles.write(copy, "# written by cinder-emu up --chaos-proxy: " + conf + " through proxy " + child + "\n"
          + original.with(RpcConfig.TRANSPORT_URL, throughProxy(url, proxy.listen().port())).toIni());
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot route " + conf + " through the chaos proxy", e);
    }
  }

  /** The transport_url of {@code url}'s first broker's login and vhost, at the proxy. */
  static String throughProxy(TransportUrl url, int port) {
    return "rabbit://" + enc(url.user()) + ":" + enc(url.password()) + "@127.0.0.1:" + port + "/"
        + ("/".equals(url.virtualHost()) ? "" : enc(url.virtualHost()));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private Path dir() throws IOException {
    return Files.createDirectories(state.root().resolve(DIR));
  }

  private Path specsFile() {
    return state.root().resolve(DIR).resolve("proxies.json");
  }

  private void writeSpecs() {
    try {
      JsonArray all = new JsonArray();
      proxies.forEach(p -> all.add(p.toJson()));
      dir();
      PrivateFiles.write(specsFile(), all.encodePrettily() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + specsFile(), e);
    }
  }

  /** The {@code cinder-proxy} child to start before the services; none when off. */
  public Optional<ChildSpec> child() {
    if (!on) {
      return Optional.empty();
    }
    return Optional.of(ChildSpec.javaMain(ProxyServerCommand.NAME, CinderEmu.class.getName(), List.of(
        "proxy-server", "--state-dir", state.root().toString(), "--proxies", specsFile().toString())));
  }

  /** What the proxy step's progress line says. */
  public String describe() {
    return ProxyServerCommand.NAME + ": " + proxies.size() + (proxies.size() == 1 ? " proxy" : " proxies")
        + ", control URL in "
        + ProxyServerCommand.controlFile(state);
  }
}
