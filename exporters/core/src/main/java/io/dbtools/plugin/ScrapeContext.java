package io.dbtools.plugin;

/**
 * What a collector may use while it runs: the server it talks to, the deadline, the target's options,
 * and the scrape's {@link Cancellation}, with which a running query is stopped when the deadline passes.
 */
public record ScrapeContext(ServerInfo server, Deadline deadline, Target target, Cancellation cancellation) {

    /** A context whose queries nobody cancels but the deadline checks of the collectors themselves (tests, one-off reads). */
    public ScrapeContext(ServerInfo server, Deadline deadline, Target target) {
        this(server, deadline, target, new Cancellation());
    }
}
