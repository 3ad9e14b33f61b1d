package org.cinderemu.common.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A raw HTTP/1.1 connection for tests of hostile or broken clients: bytes go out as written (no client library
 * that would refuse, buffer or retry), and a reader thread collects whatever the server answers until it closes.
 */
public final class RawHttp implements AutoCloseable {

  private static final int PIECE = 64 * 1024;

  private final Socket socket;
  private final OutputStream out;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    Thread reader = new Thread(() -> read(in), "raw-http-reader");
    reader.setDaemon(true);
    reader.start();
  }

  public static RawHttp connect(int port) throws IOException {
    return new RawHttp(new Socket("127.0.0.1", port));
  }

  private void read(InputStream in) {
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        synchronized (received) {
          received.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      // a reset is a close too
    }
    closed.complete(null);
  }

  /** Writes {@code text} as it is (CRLFs included by the caller). */
  public RawHttp send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  /**
   * Writes up to {@code limit} body bytes (as chunks of a chunked body if {@code chunked}) until the server
   * closes the connection; returns how many were written.
   */
  public long stream(long limit, boolean chunked) {
    byte[] piece = new byte[PIECE];
    byte[] chunkHead = (Integer.toHexString(PIECE) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
    long sent = 0;
    try {
      while (sent < limit && !closed.isDone()) {
        int n = chunked ? PIECE : (int) Math.min(PIECE, limit - sent);
        if (chunked) {
          out.write(chunkHead);
          out.write(piece, 0, PIECE);
          out.write(crlf);
        } else {
          out.write(piece, 0, n);
        }
        sent += n;
      }
    } catch (IOException e) {
      // the server cut the upload: what the caller wants to see
    }
    return sent;
  }

  /** Everything the server sent so far. */
  public String received() {
    synchronized (received) {
      return received.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** True if the server closed the connection within {@code timeout}. */
  public boolean closedWithin(Duration timeout) throws Exception {
    try {
      closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
