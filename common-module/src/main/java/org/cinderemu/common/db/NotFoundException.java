package org.cinderemu.common.db;

/** No live row with that id; the message is Cinder's ("Volume abc could not be found."). */
public class NotFoundException extends RuntimeException {

  private final String resource;
  private final String id;

  public NotFoundException(String resource, Object id) {
    super(resource + " " + id + " could not be found.");
    this.resource = resource;
    this.id = String.valueOf(id);
  }

  public String resource() {
    return resource;
  }

  public String id() {
    return id;
  }
}
