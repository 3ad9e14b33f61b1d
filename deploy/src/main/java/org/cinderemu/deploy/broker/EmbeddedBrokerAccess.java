package org.cinderemu.deploy.broker;

import org.cinderemu.deploy.StackSecret;
import org.cinderemu.deploy.StateDir;

/**
 * How a stack reaches its embedded broker: a fixed user with the stack's own random password (a {@link
 * StackSecret} beside the database's), so no well-known credentials open it, on 127.0.0.1 and vhost {@code /}.
 */
public final class EmbeddedBrokerAccess {

  static final String USER = "cinder";
  static final String HOST = "127.0.0.1";
  private static final String PASSWORD_FILE = "cinder-broker.password";

  private EmbeddedBrokerAccess() {
  }

  /** The broker's password file of a stack. */
  public static StackSecret password(StateDir state) {
    return new StackSecret(state.root().resolve(PASSWORD_FILE), "the embedded broker's password");
  }

  /** The {@code [DEFAULT] transport_url} of the embedded broker on {@code port}. */
  public static String transportUrl(int port, String password) {
    return "rabbit://" + USER + ":" + password + "@" + HOST + ":" + port + "/";
  }
}
