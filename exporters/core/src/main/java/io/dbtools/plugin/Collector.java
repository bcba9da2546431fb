package io.dbtools.plugin;

/**
 * Reads one source (a view, a command, a DMV) and writes metric samples.
 *
 * @param <C> what the plugin's session hands its collectors (a pool, a client)
 */
public interface Collector<C> {

    CollectorInfo info();

    /** Version gate: an unsupported server skips the collector, never fails the scrape. */
    default boolean supports(ServerInfo server) {
        return true;
    }

    void collect(C source, ScrapeContext context, MetricSink sink) throws Exception;
}
