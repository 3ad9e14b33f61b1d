package org.cinderemu.deploy.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cinderemu.common.rpc.IncomingMessage;
import org.cinderemu.common.rpc.RpcInterceptor;
import org.cinderemu.common.rpc.Target;

/** What the RPC servers of a transport handed to their handlers, in order, and how each ended. */
final class Dispatches implements RpcInterceptor {
  record Seen(String method, String args, long atNanos) {
  }

  final List<Seen> started = new CopyOnWriteArrayList<>();
  final List<Throwable> failures = new CopyOnWriteArrayList<>();
  final List<String> failedArgs = new CopyOnWriteArrayList<>();

  @Override
  public void dispatchStarted(Target server, IncomingMessage m) {
    started.add(new Seen(m.request().method(), m.request().args().encode(), System.nanoTime()));
  }

  @Override
  public void dispatchEnded(Target server, IncomingMessage m, long elapsedNanos, Throwable failure) {
    if (failure != null) {
      failures.add(failure);
      failedArgs.add(m.request().args().encode());
    }
  }

  List<Seen> of(String method, String mark) {
    return started.stream().filter(s -> s.method().equals(method) && s.args().contains(mark)).toList();
  }
}
