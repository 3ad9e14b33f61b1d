package org.cinderemu.deploy;

import org.cinderemu.common.rpc.TransportUrl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.cinderemu.api.ApiConfig;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.service.ServiceOptions;

/**
 * The effective cinder.conf of one stack: the operator's file (or the shipped seed lab) with {@code state_path}
 * pointed at the stack's state directory and, when asked, another API port. Also answers where things are.
 */
public record StackConfig(CinderConf conf, StateDir state) {

  /** deploy/conf/cinder.conf, packaged into the jar. */
  static final String SEED_LAB_RESOURCE = "/org/cinderemu/deploy/cinder.conf";

  public static StackConfig derive(CinderConf base, StateDir state, Integer apiPort) {
    CinderConf conf = base.with(ServiceOptions.STATE_PATH, state.root().toString());
    if (apiPort != null) {
      conf = conf.with(ApiConfig.OSAPI_VOLUME_LISTEN_PORT, Integer.toString(apiPort));
    }
    return new StackConfig(conf, state);
  }

  /**
   * The same stack in another delivery mode ({@code up --delivery-mode}); null keeps the config's. Every host's
   * conf derives from this one, so every service gets it.
   */
  public StackConfig withDeliveryMode(String mode) {
    if (mode == null) {
      return this;
    }
    CinderConf changed = conf.with(RpcConfig.DELIVERY_MODE, mode);
    try {
      changed.get(RpcConfig.DELIVERY_MODE);
    } catch (CinderConf.ConfigException e) {
      throw new LaunchException("--delivery-mode: " + e.getMessage(), e);
    }
    return new StackConfig(changed, state);
  }

  /** The same stack with {@code [database] connection} set. */
  public StackConfig withDatabase(String connection) {
    return new StackConfig(conf.with(DatabaseUrl.CONNECTION, connection), state);
  }

  /** The operator's file when given, else the seed lab shipped in the jar. */
  public static CinderConf loadBase(Optional<Path> file) {
    try {
      if (file.isPresent()) {
        return CinderConf.load(file.get());
      }
      try (InputStream in = StackConfig.class.getResourceAsStream(SEED_LAB_RESOURCE)) {
        if (in == null) {
          throw new LaunchException("the seed-lab cinder.conf is missing from the jar (" + SEED_LAB_RESOURCE + ")");
        }
        return CinderConf.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new LaunchException("cannot read config " + file.map(Path::toString).orElse(SEED_LAB_RESOURCE)
          + ": " + e, e);
    }
  }

  /** Writes the effective config where every child reads it, 0600: it holds the broker's and database's secrets. */
  public Path write() {
    try {
      PrivateFiles.write(state.conf(), "# written by cinder-emu up; edits are lost on the next up\n" + conf.toIni());
      return state.conf();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + state.conf(), e);
    }
  }

  public String apiListen() {
    return conf.get(ApiConfig.OSAPI_VOLUME_LISTEN);
  }

  public int apiPort() {
    return conf.get(ApiConfig.OSAPI_VOLUME_LISTEN_PORT);
  }

  /** The URL a client on this machine uses; a wildcard listen address is reached through loopback. */
  public String apiUrl() {
    String host = apiListen();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
      host = "127.0.0.1";
    }
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + apiPort() + "/v3";
  }

  public TransportUrl transportUrl() {
    try {
      return TransportUrl.parse(conf.get(RpcConfig.TRANSPORT_URL));
    } catch (IllegalArgumentException e) {
      throw new LaunchException(e.getMessage(), e);
    }
  }

  public String database() {
    return conf.find(DatabaseUrl.CONNECTION)
        .map(DatabaseUrl::masked)
        .orElse("H2 under " + state.root() + " (no [database] connection set)");
  }

  /** What `up` prints once the stack is ready. */
  public String endpoints() {
    return String.join("\n",
        "  API         " + apiUrl(),
        "  broker      " + transportUrl().masked(),
        "  database    " + database(),
        "  state dir   " + state.root(),
        "  config      " + state.conf(),
        "  logs        " + state.logsDir() + "/<binary>.log");
  }
}
