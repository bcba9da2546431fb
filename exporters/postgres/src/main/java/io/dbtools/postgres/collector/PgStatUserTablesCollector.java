package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;
import java.time.Duration;
import java.util.List;

/**
 * {@code pg_stat_user_tables} of the database the target connects to and of those its {@code databases}
 * option lists (the view is per database), labelled {@code datname}: vacuum health and scans of the
 * {@code tables_top_n} tables (default 20) per database with the most dead tuples, the rest summed into
 * {@code relname="other"} so totals stay right. Refreshed every minute: vacuum
 * health moves over minutes, and a database with thousands of tables makes the view costly.
 */
public final class PgStatUserTablesCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_user_tables.sql");
    static final String TOP_N = "tables_top_n";
    static final int DEFAULT_TOP_N = 20;

    private record Counter(String column, String metric, String help) {}

    private static final List<Counter> COUNTERS = List.of(
            new Counter("seq_scan", "dbtools_postgres_table_seq_scans_total", "Sequential scans started on the table."),
            new Counter("idx_scan", "dbtools_postgres_table_index_scans_total", "Index scans started on the table's indexes."),
            new Counter("n_tup_ins", "dbtools_postgres_table_rows_inserted_total", "Rows inserted."),
            new Counter("n_tup_upd", "dbtools_postgres_table_rows_updated_total", "Rows updated (including HOT)."),
            new Counter("n_tup_del", "dbtools_postgres_table_rows_deleted_total", "Rows deleted."),
            new Counter("vacuum_count", "dbtools_postgres_table_vacuums_total", "Manual vacuums of the table."),
            new Counter("autovacuum_count", "dbtools_postgres_table_autovacuums_total", "Autovacuums of the table."),
            new Counter("analyze_count", "dbtools_postgres_table_analyzes_total", "Manual analyzes of the table."),
            new Counter("autoanalyze_count", "dbtools_postgres_table_autoanalyzes_total", "Autoanalyzes of the table."));

    public PgStatUserTablesCollector() {
        super(new CollectorInfo("pg_stat_user_tables",
                "top-N tables by dead tuples (option tables_top_n, default 20) plus 'other': tuples, scans, vacuum and analyze age",
                true, Duration.ofMinutes(1)));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        int n = topN(ctx, TOP_N, DEFAULT_TOP_N);
        eachDatabase(pg, ctx, SQL, (datname, rs) -> {
            String[] table = {"datname", datname, "schemaname", rs.getString("schemaname"), "relname", rs.getString("relname")};
            sink.gauge("dbtools_postgres_table_live_tuples", "Estimated live rows.", rs.getDouble("n_live_tup"), table);
            sink.gauge("dbtools_postgres_table_dead_tuples", "Estimated dead rows waiting for vacuum.", rs.getDouble("n_dead_tup"), table);
            for (Counter c : COUNTERS) {
                sink.counter(c.metric(), c.help(), rs.getDouble(c.column()), table);
            }
            // Absent for tables never vacuumed/analyzed and for the 'other' bucket: "never" has no honest age.
            Double vacuumed = nullable(rs, "last_vacuum_age");
            if (vacuumed != null) {
                sink.gauge("dbtools_postgres_table_last_vacuum_age_seconds", "Time since the table's last vacuum (manual or auto).",
                        vacuumed, table);
            }
            Double analyzed = nullable(rs, "last_analyze_age");
            if (analyzed != null) {
                sink.gauge("dbtools_postgres_table_last_analyze_age_seconds", "Time since the table's last analyze (manual or auto).",
                        analyzed, table);
            }
            sink.gauge("dbtools_postgres_tables", "User tables each series stands for: 1 for a named table, the count for 'other'.",
                    rs.getDouble("tables"), table);
        }, n, n, n, n);
    }
}
