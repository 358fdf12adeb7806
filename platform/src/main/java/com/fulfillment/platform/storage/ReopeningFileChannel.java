package com.fulfillment.platform.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FileUtils;

/**
 * A file of the {@link ReopeningFilePath} file system: each read, write, size, truncation and force runs on the
 * calling thread on a plain {@link FileChannel}.
 *
 * <p>The JDK closes a file channel when a thread blocked in it is interrupted ({@link ClosedByInterruptException}
 * for that thread, {@link java.nio.channels.AsynchronousCloseException} for the others in it at the time). This
 * channel then opens the file again, takes back H2's lock on it, and repeats the operation from its start (reads
 * and writes are positional, so a repeat writes the same bytes at the same place); a thread that was interrupted
 * gets its interrupt back when the operation returns, as it would from a channel that cannot be interrupted. An
 * interrupt already pending is put aside for the operation, so that it does not close the channel first. A channel
 * that H2 itself closed stays closed.
 */
final class ReopeningFileChannel extends FileBaseDefault {

    /** Reopenings within one operation before its failure is passed on (H2's {@code retry:} allows as many). */
    private static final int REOPENINGS = 20;

    private final String fileName;
    private final String mode;
    private volatile FileChannel channel;
    /** The lock H2 holds on the file, taken again on every channel reopened (guarded by {@code this}). */
    private ReopenedLock lock;

    ReopeningFileChannel(String fileName, String mode) throws IOException {
        this.fileName = fileName;
        this.mode = mode;
        this.channel = FileUtils.open(fileName, mode);
    }

    /**
     * The buffer starts over on a repeat: the JDK may have moved it past bytes it transferred before the interrupt
     * closed the channel, and the repeat reads or writes from {@code position} again.
     */
    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int start = dst.position();
        return perform(file -> file.read(dst.position(start), position));
    }

    /** As {@link #read(ByteBuffer, long)}: all of the buffer's bytes again, at the same place. */
    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        int start = src.position();
        return perform(file -> file.write(src.position(start), position));
    }

    @Override
    public long size() throws IOException {
        return perform(FileChannel::size);
    }

    @Override
    protected void implTruncate(long size) throws IOException {
        perform(file -> file.truncate(size));
    }

    @Override
    public void force(boolean metaData) throws IOException {
        perform(file -> {
            file.force(metaData);
            return null;
        });
    }

    @Override
    public synchronized FileLock tryLock(long position, long size, boolean shared) throws IOException {
        FileLock taken = channel.tryLock(position, size, shared);
        if (taken == null) {
            return null;
        }
        lock = new ReopenedLock(this, taken);
        return lock;
    }

    @Override
    protected void implCloseChannel() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return ReopeningFilePath.SCHEME + ":" + fileName;
    }

    private <T> T perform(Operation<T> operation) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            for (int reopenings = 0; ; reopenings++) {
                FileChannel used = channel;
                try {
                    return operation.on(used);
                } catch (ClosedChannelException closed) {
                    if (closed instanceof ClosedByInterruptException) { // else another thread's interrupt closed it
                        interrupted = true;
                        Thread.interrupted(); // for the repeat; given back below
                    }
                    reopen(used, reopenings, closed);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Opens the file again unless another thread already has since {@code closed} was used; a file closed by its
     * user (H2) stays closed and the failure is passed on.
     */
    private synchronized void reopen(FileChannel closed, int reopenings, IOException failure) throws IOException {
        if (reopenings >= REOPENINGS || !isOpen()) {
            throw failure;
        }
        if (channel != closed) {
            return;
        }
        FileChannel reopened = FileUtils.open(fileName, mode);
        if (lock != null) {
            FileLock retaken = reopened.tryLock(lock.position(), lock.size(), lock.isShared());
            if (retaken == null) {
                reopened.close();
                throw new IOException("the lock on " + fileName + " was taken by another process while it was reopened",
                                      failure);
            }
            lock.base = retaken;
        }
        channel = reopened;
    }

    @FunctionalInterface
    private interface Operation<T> {
        T on(FileChannel file) throws IOException;
    }

    /** H2's lock on the file, whatever channel currently holds it. */
    private static final class ReopenedLock extends FileLock {

        private volatile FileLock base;

        ReopenedLock(ReopeningFileChannel file, FileLock base) {
            super(file, base.position(), base.size(), base.isShared());
            this.base = base;
        }

        @Override
        public boolean isValid() {
            return base.isValid();
        }

        @Override
        public void release() throws IOException {
            base.release();
        }
    }
}
