package io.dbtools.postgres.collector;

import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.postgres.PgSource;

/** Base of the PostgreSQL collectors: holds the info; subclasses add a version gate where needed. */
abstract class PgCollector implements Collector<PgSource> {

    private final CollectorInfo info;

    PgCollector(CollectorInfo info) {
        this.info = info;
    }

    @Override
    public final CollectorInfo info() {
        return info;
    }
}
