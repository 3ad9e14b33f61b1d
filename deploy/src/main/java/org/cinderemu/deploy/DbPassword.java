package org.cinderemu.deploy;

/** The random password of a stack's H2 database: a {@link StackSecret} beside the database. */
final class DbPassword {

  private DbPassword() {
  }

  /** The stack's password, made now if the stack has none yet. */
  static String ensure(StateDir state) {
    return secret(state).ensure();
  }

  /** The stack's password; fails naming the file when it is missing or mangled. */
  static String read(StateDir state) {
    return secret(state).read();
  }

  private static StackSecret secret(StateDir state) {
    return new StackSecret(state.dbPasswordFile(), "the database password");
  }
}
