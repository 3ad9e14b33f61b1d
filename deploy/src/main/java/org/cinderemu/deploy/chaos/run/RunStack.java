package org.cinderemu.deploy.chaos.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.TransportUrl;
import org.cinderemu.common.service.ServiceOptions;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.RecordedStack;
import org.cinderemu.deploy.StackConfig;
import org.cinderemu.deploy.StateDir;

/** The running stack an experiment acts on, as its state directory records it. */
public record RunStack(StateDir state, CinderConf conf, String apiUrl, DatabaseUrl database, TransportUrl broker) {

  public static RunStack of(StateDir state) {
    if (!Files.isReadable(state.conf())) {
      throw new LaunchException("no stack in " + state + " (no cinder.conf): start one with `cinder-emu up "
          + "--detach --state-dir " + state + "`");
    }
    CinderConf conf;
    try {
      conf = CinderConf.load(state.conf());
    } catch (IOException e) {
      throw new LaunchException("cannot read " + state.conf() + ": " + e.getMessage(), e);
    }
    Path statePath = conf.find(ServiceOptions.STATE_PATH).map(Path::of).orElse(state.root());
    return new RunStack(state, conf, new StackConfig(conf, state).apiUrl(), DatabaseUrl.fromConf(conf, statePath),
        TransportUrl.parse(conf.get(RpcConfig.TRANSPORT_URL)));
  }

  public RecordedStack recorded() {
    return RecordedStack.of(state);
  }

  /** The live children by name (cinder-volume@node1, cinder-api, cinder-broker…). */
  public Map<String, ProcessHandle> running() {
    return recorded().running();
  }

  /** The admin endpoint of {@code child}, as the service wrote it when it became ready. */
  public Optional<String> adminUrl(String child) {
    Path f = state.adminFile(child);
    try {
      return Files.isReadable(f) ? Optional.of(Files.readString(f).strip()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Duration serviceDownTime() {
    return Duration.ofSeconds(conf.get(ServiceOptions.SERVICE_DOWN_TIME));
  }

  public Duration reportInterval() {
    return Duration.ofSeconds(conf.get(ServiceOptions.REPORT_INTERVAL));
  }
}
