package io.dbtools.mongodb;

import com.mongodb.connection.ServerConnectionState;
import com.mongodb.connection.ServerDescription;
import com.mongodb.event.ServerDescriptionChangedEvent;
import com.mongodb.event.ServerListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches what the driver's server monitor learns. The driver keeps retrying a refused connection
 * until its server selection timeout; the monitor's first verdict tells at once whether the server
 * answered, so a closed port is reported in milliseconds, and the last failure explains a later
 * selection timeout. (Heartbeat events are not used: the driver sends none for the first handshake.)
 */
final class ServerWatch implements ServerListener {

    /** Completed by the monitor's first verdict: null when the server answered, else the failure. */
    private final CompletableFuture<Throwable> first = new CompletableFuture<>();
    private volatile Throwable lastFailure;

    @Override
    public void serverDescriptionChanged(ServerDescriptionChangedEvent event) {
        ServerDescription d = event.getNewDescription();
        if (d.getException() != null) {
            lastFailure = d.getException();
            first.complete(d.getException());
        } else if (d.getState() == ServerConnectionState.CONNECTED) {
            lastFailure = null;
            first.complete(null);
        }
    }

    /**
     * Waits for the monitor's first verdict. Returns its failure, null when the server answered.
     *
     * @throws TimeoutException when none came in time (the server neither answered nor refused)
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
