package org.cinderemu.common.db;

/** A list's {@code marker} names no visible row: a bad request in Cinder ("Marker abc could not be found."). */
public class MarkerNotFoundException extends IllegalArgumentException {

  public MarkerNotFoundException(String marker) {
    super("Marker " + marker + " could not be found.");
  }
}
