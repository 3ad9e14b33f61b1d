package org.cinderemu.common.admin;

import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;

/**
 * Where a service process's admin endpoint listens ({@code /metrics}, {@code /healthcheck}): loopback and a free port
 * by default, so that several services of one host never collide and nothing is exposed by accident.
 */
public record AdminOptions(String listenHost, int port) {

  public static final Opt<String> ADMIN_LISTEN = Opt.string(CinderConf.DEFAULT, "emulator_admin_listen", "127.0.0.1");
  public static final Opt<Integer> ADMIN_PORT = Opt.integer(CinderConf.DEFAULT, "emulator_admin_port", 0, 0, 65535);

  public static AdminOptions from(CinderConf conf) {
    return new AdminOptions(conf.get(ADMIN_LISTEN), conf.get(ADMIN_PORT));
  }
}
