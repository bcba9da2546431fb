package io.dbtools.mongodb;

import com.mongodb.event.ServerHeartbeatFailedEvent;
import com.mongodb.event.ServerHeartbeatSucceededEvent;
import com.mongodb.event.ServerMonitorListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches the driver's server monitor. The driver keeps retrying a refused connection until its
 * server selection timeout; the first heartbeat tells at once whether the server answered, so a
 * closed port is reported in milliseconds, and the last failure explains a later selection timeout.
 */
final class Heartbeats implements ServerMonitorListener {

    /** Completed by the first heartbeat: null when it succeeded, else the failure. */
    private final CompletableFuture<Throwable> first = new CompletableFuture<>();
    private volatile Throwable lastFailure;

    @Override
    public void serverHeartbeatSucceeded(ServerHeartbeatSucceededEvent event) {
        lastFailure = null;
        first.complete(null);
    }

    @Override
    public void serverHeartbeatFailed(ServerHeartbeatFailedEvent event) {
        lastFailure = event.getThrowable();
        first.complete(event.getThrowable());
    }

    /**
     * Waits for the first heartbeat. Returns its failure, null when the server answered.
     *
     * @throws TimeoutException when no heartbeat finished in time (the server neither answered nor refused)
     */
    Throwable awaitFirst(Duration wait) throws TimeoutException {
        try {
            return first.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the server");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    Throwable lastFailure() {
        return lastFailure;
    }
}
