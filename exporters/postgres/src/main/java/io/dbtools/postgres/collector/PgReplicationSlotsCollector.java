package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pg_replication_slots}: whether each slot is in use and how much WAL it keeps from being removed —
 * an inactive slot fills the disk. From PostgreSQL 13, the slot's WAL status as a state set and the WAL
 * it may still retain before max_slot_wal_keep_size invalidates it.
 */
public final class PgReplicationSlotsCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_replication_slots.sql");
    private static final String SQL_12 = Sql.load("pg_replication_slots_12.sql");
    private static final List<String> WAL_STATUSES = List.of("reserved", "extended", "unreserved", "lost");

    public PgReplicationSlotsCollector() {
        super(CollectorInfo.everyScrape("pg_replication_slots", "per slot: active, retained WAL bytes, WAL status (13+)"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        pg.query(ctx, ctx.server().atLeast(13) ? SQL : SQL_12, rs -> {
            String[] slot = {"slot_name", rs.getString("slot_name"), "slot_type", rs.getString("slot_type"),
                    "database", rs.getString("database")};
            sink.gauge("dbtools_postgres_replication_slot_active", "1 if a connection is using the slot.",
                    rs.getBoolean("active") ? 1 : 0, slot);
            Double retained = nullable(rs, "retained_bytes");
            if (retained != null) {
                sink.gauge("dbtools_postgres_replication_slot_retained_wal_bytes", "WAL kept on disk for the slot (from its restart_lsn).",
                        retained, slot);
            }
            Double confirmed = nullable(rs, "confirmed_flush_lag_bytes");
            if (confirmed != null) {
                sink.gauge("dbtools_postgres_replication_slot_confirmed_flush_lag_bytes",
                        "Logical slots: WAL not yet confirmed by the consumer.", confirmed, slot);
            }
            String status = rs.getString("wal_status");
            if (status != null) {
                for (String s : WAL_STATUSES) {
                    sink.gauge("dbtools_postgres_replication_slot_wal_status",
                            "1 for the slot's current WAL status (reserved, extended, unreserved, lost), 0 for the others (13+).",
                            s.equals(status) ? 1 : 0, concat(slot, "status", s));
                }
            }
            Double safe = nullable(rs, "safe_wal_size");
            if (safe != null) {
                sink.gauge("dbtools_postgres_replication_slot_safe_wal_bytes",
                        "WAL that can still be written before the slot is invalidated (max_slot_wal_keep_size; 13+).", safe, slot);
            }
        });
    }

    private static String[] concat(String[] labels, String name, String value) {
        String[] out = Arrays.copyOf(labels, labels.length + 2);
        out[labels.length] = name;
        out[labels.length + 1] = value;
        return out;
    }
}
