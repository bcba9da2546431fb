package io.dbtools.plugin;

/**
 * The normalized, engine-agnostic metric names every plugin emits where its engine has the value.
 * Fleet dashboards and default alerts use only these, so they work across engines.
 */
public final class CoreMetrics {

    private CoreMetrics() {}

    public static final String UP = "dbtools_up";
    public static final String SERVER_INFO = "dbtools_server_info";
    public static final String CONNECTIONS_USED = "dbtools_connections_used";
    public static final String CONNECTIONS_MAX = "dbtools_connections_max";
    public static final String CPU_UTILIZATION = "dbtools_cpu_utilization_ratio";
    public static final String MEMORY_UTILIZATION = "dbtools_memory_utilization_ratio";
    public static final String BLOCKED_SESSIONS = "dbtools_blocked_sessions";
    public static final String OLDEST_QUERY_SECONDS = "dbtools_oldest_query_seconds";
    public static final String REPLICATION_LAG_SECONDS = "dbtools_replication_lag_seconds";
    public static final String DATABASE_SIZE_BYTES = "dbtools_database_size_bytes";
    public static final String LAST_BACKUP_TIMESTAMP = "dbtools_last_backup_timestamp_seconds";
}
