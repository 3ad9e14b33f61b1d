package org.cinderemu.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;

/** Holds {@code run/up.lock} so two `up` commands on one state directory cannot start two stacks at once. */
final class StackLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private StackLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static StackLock acquire(StateDir state) {
    try {
      FileChannel channel = FileChannel.open(state.runDir().resolve("up.lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new LaunchException("another `cinder-emu up` is using " + state + " right now");
      }
      return new StackLock(channel, lock);
    } catch (IOException e) {
      throw new LaunchException("cannot lock " + state + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock dies with the channel or the process anyway
    }
  }
}
