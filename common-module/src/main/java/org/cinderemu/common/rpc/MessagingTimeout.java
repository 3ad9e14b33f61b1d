package org.cinderemu.common.rpc;

/** oslo's MessagingTimeout: no reply within {@code rpc_response_timeout}. */
public class MessagingTimeout extends RuntimeException {
  public MessagingTimeout(String message) {
    super(message);
  }
}
