package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgQueries;
import io.dbtools.postgres.PgSource;

/**
 * Base of the CockroachDB collectors: they read {@code crdb_internal} through the same pool as the PostgreSQL
 * ones, and run only when {@code version()} said CockroachDB, 23.1 or later (the oldest release the SQL is
 * written for; older ones lack columns it reads). Their families are named {@code dbtools_cockroachdb_*},
 * plus the normalized core set where CockroachDB has the value.
 */
public abstract class CrdbCollector extends PgCollector {

    /** The oldest CockroachDB release the collectors' SQL is written for. */
    public static final int MIN_MAJOR = 23;
    public static final int MIN_MINOR = 1;

    CrdbCollector(CollectorInfo info) {
        super(info);
    }

    @Override
    public final boolean supports(ServerInfo server) {
        return "cockroachdb".equals(server.flavor()) && server.atLeast(MIN_MAJOR, MIN_MINOR);
    }

    @Override
    public final void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        collect((PgQueries) pg, ctx, sink);
    }

    /** The collector's work, against any source of rows (recorded ones in tests). */
    public abstract void collect(PgQueries crdb, ScrapeContext ctx, MetricSink sink) throws Exception;
}
