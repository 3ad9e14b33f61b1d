package org.cinderemu.deploy.chaos;

/** What one process fault did to one child: {@code cinder-volume (pid 4242) killed (SIGKILL)}. */
public record FaultOutcome(String child, long pid, String done) {

  public String line() {
    return child + " (pid " + pid + ") " + done;
  }
}
