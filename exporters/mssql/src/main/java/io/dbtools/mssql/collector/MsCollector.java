package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.ServerInfo;

/** Base of the SQL Server collectors: holds the info; each subclass says which SQL text a server gets. */
public abstract class MsCollector implements Collector<MsSource> {

    private final CollectorInfo info;

    MsCollector(CollectorInfo info) {
        this.info = info;
    }

    @Override
    public final CollectorInfo info() {
        return info;
    }

    /** The query this server is sent; only called when {@link #supports} is true. Public so its text can be checked per version. */
    public abstract String sql(ServerInfo server);
}
