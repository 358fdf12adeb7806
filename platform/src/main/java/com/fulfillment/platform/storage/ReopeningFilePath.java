package com.fulfillment.platform.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's file system {@value #SCHEME}{@code :}, for databases written by threads that may be interrupted (Axon
 * interrupts its processors' and handlers' threads when it stops them): a JDBC URL such as {@code
 * jdbc:h2:reopening:/data/events} reads and writes the file on the calling thread through a plain {@link
 * FileChannel}, reopens the channel when an interrupt closed it, completes the read or write, and leaves the
 * interrupt set for the thread to act on (see {@link ReopeningFileChannel}).
 *
 * <p>H2's own file systems each miss one of these: the default closes the file for every connection at the first
 * interrupted write ({@code ClosedByInterruptException}) until the database is opened again; {@code retry:} reopens
 * it but clears the thread's interrupt, so a processor being stopped goes on as if nothing happened; {@code async:}
 * keeps both, but hands every read and write to a thread of the JDK's asynchronous channel and waits for it, two
 * thread switches per page read and per commit, inside H2's store lock (BENCHMARKS.md, "The event store written
 * without a thread hand-off").
 *
 * <p>H2 finds a file system by its scheme only once it is {@linkplain #register() registered}; an app registers it
 * before opening a database whose URL names it ({@link ReopeningFileSystemConfiguration} does so in each Spring
 * app that has H2). Beware a URL that names it unregistered: H2 then takes {@code reopening:} for part of a
 * relative path and opens a new, empty database under the working directory instead.
 */
public class ReopeningFilePath extends FilePathWrapper {

    public static final String SCHEME = "reopening";

    /** Makes the scheme known to H2 (in its class loader); calling it again changes nothing. */
    public static void register() {
        FilePath.register(new ReopeningFilePath());
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new ReopeningFileChannel(name.substring(SCHEME.length() + 1), mode);
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
