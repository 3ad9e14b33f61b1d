package org.cinderemu.common.config;

/** oslo.config's option types the emulator uses, with the word docs/configuration.md shows for each. */
public enum OptType {
  STRING("string"),
  BOOLEAN("boolean"),
  INTEGER("integer"),
  FLOAT("float"),
  LIST("list");

  private final String docName;

  OptType(String docName) {
    this.docName = docName;
  }

  public String docName() {
    return docName;
  }
}
