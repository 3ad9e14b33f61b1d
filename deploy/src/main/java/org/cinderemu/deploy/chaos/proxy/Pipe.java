package org.cinderemu.deploy.chaos.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One direction of a proxied connection: what {@code source} sends goes to {@code dest} through the toxics of its
 * stream. Each piece of data gets a release time (latency, bandwidth) and pieces leave in order; the source is
 * paused while too much waits or the proxy is partitioned, so TCP's own flow control holds the sender back.
 * Everything runs on the proxy's one event loop.
 */
final class Pipe {

  /** Pause the source past this much waiting data; resume below {@link #LOW_WATER}. */
  static final int HIGH_WATER = 1 << 20;
  static final int LOW_WATER = HIGH_WATER / 2;
  /** Bandwidth slices: a tenth of a second's worth each, so a big buffer does not leave in one burst. */
  static final int SLICES_PER_SECOND = 10;

  private record Piece(Buffer data, long releaseNanos) {
  }

  private final Link link;
  private final NetSocket source;
  private final NetSocket dest;
  private final Toxic.Stream stream;
  private final ArrayDeque<Piece> waiting = new ArrayDeque<>();
  private long waitingBytes;
  private long lastRelease;
  private boolean sourcePaused;
  private boolean ended;
  private long timer = -1;

  Pipe(Link link, NetSocket source, NetSocket dest, Toxic.Stream stream) {
    this.link = link;
    this.source = source;
    this.dest = dest;
    this.stream = stream;
  }

  void start() {
    source.handler(this::onData);
    source.endHandler(v -> onEnd());
    updateFlow();
  }

  private void onData(Buffer data) {
    List<Toxic> toxics = link.toxics(stream);
    if (toxics.stream().anyMatch(t -> t.type() == ToxicType.TIMEOUT)) {
      return;  // a timeout toxic stops the data: it is gone, as on a dead link
    }
    long now = System.nanoTime();
    long release = now + TimeUnit.MILLISECONDS.toNanos(latencyMillis(toxics));
    long rate = toxics.stream().filter(t -> t.type() == ToxicType.BANDWIDTH).mapToLong(t -> t.attribute("rate"))
        .min().orElse(0);
    if (rate == 0) {
      add(data, Math.max(release, lastRelease));
    } else {
      long bytesPerSecond = rate * 1024;
      int slice = (int) Math.max(1, bytesPerSecond / SLICES_PER_SECOND);
      for (int from = 0; from < data.length(); from += slice) {
        Buffer piece = data.slice(from, Math.min(data.length(), from + slice));
        long start = Math.max(Math.max(release, lastRelease), now);
        add(piece, start + piece.length() * 1_000_000_000L / bytesPerSecond);
      }
    }
    updateFlow();
    drain();
  }

  private static long latencyMillis(List<Toxic> toxics) {
    long total = 0;
    for (Toxic t : toxics) {
      if (t.type() == ToxicType.LATENCY) {
        long jitter = t.attribute("jitter");
        long delay = t.attribute("latency") + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
        total += Math.max(0, delay);
      }
    }
    return total;
  }

  private void add(Buffer data, long releaseNanos) {
    waiting.add(new Piece(data, releaseNanos));
    waitingBytes += data.length();
    lastRelease = releaseNanos;
  }

  /** Writes every piece due, then waits for the next one, the destination's drain or the partition's end. */
  void drain() {
    if (link.isClosed() || link.partitioned()) {
      return;
    }
    long now = System.nanoTime();
    while (!waiting.isEmpty() && waiting.peek().releaseNanos() <= now) {
      if (dest.writeQueueFull()) {
        dest.drainHandler(v -> drain());
        return;
      }
      Piece p = waiting.poll();
      waitingBytes -= p.data().length();
      dest.write(p.data());
    }
    updateFlow();
    if (!waiting.isEmpty()) {
      schedule(waiting.peek().releaseNanos() - now);
    } else if (ended) {
      link.closeAfter(stream);
    }
  }

  private void schedule(long inNanos) {
    if (timer >= 0) {
      return;  // one timer at a time: the earliest piece is at the head
    }
    long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(inNanos));
    timer = link.vertx().setTimer(ms, id -> {
      timer = -1;
      drain();
    });
  }

  private void onEnd() {
    ended = true;
    drain();
  }

  /** Pauses the source while the proxy is partitioned or too much waits; resumes it otherwise. */
  void updateFlow() {
    boolean pause = link.partitioned() || waitingBytes > HIGH_WATER;
    boolean resume = !link.partitioned() && waitingBytes < LOW_WATER;
    if (pause && !sourcePaused) {
      source.pause();
      sourcePaused = true;
    } else if (resume && sourcePaused) {
      source.resume();
      sourcePaused = false;
    }
  }

  void stop() {
    if (timer >= 0) {
      link.vertx().cancelTimer(timer);
      timer = -1;
    }
    waiting.clear();
    waitingBytes = 0;
  }
}
