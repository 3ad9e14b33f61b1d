package org.cinderemu.common.rpc;

/** One delivery, decoded, as the interceptor chain sees it before dispatch. */
public record IncomingMessage(String queue, RpcRequest request) {
}
