package org.cinderemu.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The local addresses a TCP port is listening on, as the kernel reports them in /proc/net/tcp and tcp6. */
public final class ListeningSockets {

  private static final String LISTEN = "0A";

  private ListeningSockets() {
  }

  /** e.g. {@code [127.0.0.1]}, or {@code [::]} for a socket bound to every interface. */
  public static List<String> on(int port) throws IOException {
    List<String> addresses = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
        String[] fields = line.trim().split("\\s+");
        String[] local = fields[1].split(":");  // hex address : hex port
        if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
          addresses.add(decode(local[0]));
        }
      }
    }
    return addresses;
  }

  // the kernel prints each 32-bit word of the address in host (little-endian) byte order
  private static String decode(String hex) throws IOException {
    byte[] raw = HexFormat.of().parseHex(hex);
    byte[] address = new byte[raw.length];
    for (int word = 0; word < raw.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        address[word + i] = raw[word + 3 - i];
      }
    }
    return InetAddress.getByAddress(address).getHostAddress();
  }
}
