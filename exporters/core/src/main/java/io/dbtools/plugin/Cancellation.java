package io.dbtools.plugin;

import java.util.ArrayList;
import java.util.List;

/**
 * The queries of one scrape that are running right now, so that the scrape's deadline can stop them.
 * The scraper that waits for the collectors calls {@link #cancel()} when the deadline passes; a
 * collector registers how to stop its running query (e.g. {@code Statement::cancel}) for as long as
 * it runs. This replaces a driver-side query timeout per statement, which armed and disarmed a timer
 * thread for every query of every scrape.
 */
public final class Cancellation {

    /** Unregisters a running query once it has finished. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Stops one running query; may be called from another thread while the query runs. */
    @FunctionalInterface
    public interface Canceller {
        void cancel() throws Exception;
    }

    private final List<Canceller> running = new ArrayList<>(2);
    private boolean cancelled;

    /** Tracks a query that is about to run; when the scrape is already cancelled, it is stopped at once. */
    public Registration register(Canceller canceller) {
        boolean already;
        synchronized (this) {
            already = cancelled;
            if (!already) running.add(canceller);
        }
        if (already) stop(canceller);
        return () -> {
            synchronized (this) {
                running.remove(canceller);
            }
        };
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }

    /** Stops every registered query and every one registered from now on. */
    public void cancel() {
        List<Canceller> now;
        synchronized (this) {
            cancelled = true;
            now = List.copyOf(running);
        }
        now.forEach(Cancellation::stop);
    }

    private static void stop(Canceller c) {
        try {
            c.cancel();
        } catch (Exception e) {
            // The query may just have finished, or its connection broke; either way it no longer runs.
        }
    }
}
