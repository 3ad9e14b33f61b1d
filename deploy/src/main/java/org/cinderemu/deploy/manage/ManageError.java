package org.cinderemu.deploy.manage;

/** A cinder-manage failure: the text it prints and the code it exits with. */
final class ManageError extends RuntimeException {

  private final int exitCode;

  ManageError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
