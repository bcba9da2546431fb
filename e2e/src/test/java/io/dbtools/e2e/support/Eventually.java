package io.dbtools.e2e.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for something the live processes do on their own schedule (a scrape, a rule evaluation, a
 * notification): polls until it is there, or fails with what was last seen.
 */
public final class Eventually {

    private Eventually() {}

    /** Polls {@code probe} every 250 ms until it returns a value; the failure message shows {@code lastSeen}. */
    public static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (true) {
            try {
                Optional<T> v = probe.get();
                if (v.isPresent()) {
                    return v.get();
                }
            } catch (RuntimeException e) {
                lastError = e; // e.g. connection refused while a process starts: keep waiting
            }
            if (System.nanoTime() > deadline) {
                return fail("timed out after " + timeout.toSeconds() + " s waiting for " + what + "\nlast seen: " + lastSeen.get()
                        + (lastError == null ? "" : "\nlast error: " + lastError));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting for " + what);
            }
        }
    }
}
