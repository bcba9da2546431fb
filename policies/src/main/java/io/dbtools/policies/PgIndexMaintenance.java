package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL index maintenance on the target's database: VACUUM (ANALYZE) of each chosen table
 * (fresh row counts and statistics for the estimate), then REINDEX INDEX CONCURRENTLY of each of
 * their B-tree indexes whose estimated bloat reaches the threshold.
 */
final class PgIndexMaintenance {

    /**
     * Estimated bloat of each valid B-tree index: the pages its live entries would fill at its
     * fillfactor (entry = 8-byte tuple header + key columns' average widths from pg_stats, MAXALIGNed,
     * + a 4-byte line pointer; page = block size - 24-byte header - 16-byte B-tree special space),
     * plus the metapage, against the pages it has. Columns without statistics (expressions) count
     * 8 bytes. A rough estimate, like the well-known ioguix query it follows, but without pgstattuple.
     */
    static final String BLOAT_SQL = """
            WITH idx AS (
              SELECT n.nspname AS schema_name, t.relname AS table_name, c.relname AS index_name, c.oid AS index_oid,
                     i.indrelid, i.indkey, c.relpages, c.reltuples,
                     coalesce((SELECT substring(o FROM 'fillfactor=([0-9]+)')::int FROM unnest(c.reloptions) o
                               WHERE o LIKE 'fillfactor=%'), 90) AS fillfactor,
                     current_setting('block_size')::int AS block_size
              FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid
              JOIN pg_class t ON t.oid = i.indrelid
              JOIN pg_namespace n ON n.oid = t.relnamespace
              JOIN pg_am am ON am.oid = c.relam
              WHERE am.amname = 'btree' AND i.indisvalid AND i.indisready AND c.relpersistence <> 't'
                AND n.nspname = ? AND t.relname = ?
            ), width AS (
              SELECT idx.index_oid, sum(coalesce(s.avg_width, 8)) AS key_width
              FROM idx
              CROSS JOIN LATERAL unnest(idx.indkey::int2[]) AS k(attnum)
              LEFT JOIN pg_attribute a ON a.attrelid = idx.indrelid AND a.attnum = k.attnum AND k.attnum > 0
              LEFT JOIN pg_stats s ON s.schemaname = idx.schema_name AND s.tablename = idx.table_name AND s.attname = a.attname
              GROUP BY idx.index_oid
            )
            SELECT idx.index_name, pg_relation_size(idx.index_oid) AS bytes, idx.relpages, idx.reltuples,
                   1 + ceil(greatest(idx.reltuples, 0) * (4 + 8 * ceil((8 + w.key_width) / 8.0))
                            / ((idx.block_size - 24 - 16) * idx.fillfactor / 100.0)) AS expected_pages
            FROM idx JOIN width w USING (index_oid)
            ORDER BY idx.index_name
            """;

    private PgIndexMaintenance() {}

    static void run(Run run) throws PolicyFailure, SQLException {
        JsonNode o = run.options();
        double threshold = o.path("bloat_threshold_percent").asDouble(30);
        double minBytes = o.path("min_index_size_mb").asDouble(1) * 1024 * 1024;
        boolean concurrently = o.path("reindex_concurrently").asBoolean(true);
        boolean vacuum = o.path("vacuum_analyze").asBoolean(true);
        ObjectNode result = run.result();
        result.put("database", run.pgDatabase());
        ArrayNode tablesOut = result.putArray("tables");
        int reindexed = 0;
        try (Connection c = PgConnector.open(run.target(), run.pgDatabase(), PgBackup.cap(run.deadline().remaining()))) {
            c.setAutoCommit(true); // VACUUM and REINDEX CONCURRENTLY refuse to run inside a transaction
            if (concurrently && PgConnector.major(c) < 12) {
                throw PolicyFailure.failed("REINDEX CONCURRENTLY needs PostgreSQL 12 or later; set reindex_concurrently to false "
                        + "to rebuild with a table lock instead", result);
            }
            TableFilter filter = TableFilter.of(o);
            for (String[] table : PgTables.user(c)) {
                if (!filter.accepts(table[0] + "." + table[1])) continue;
                String qualified = PgConnector.quote(table[0]) + "." + PgConnector.quote(table[1]);
                ObjectNode t = tablesOut.addObject();
                t.put("table", table[0] + "." + table[1]);
                if (vacuum) {
                    run.checkTime("VACUUM (ANALYZE) " + t.get("table").asText());
                    Sql.execute(run, c, "VACUUM (ANALYZE) " + qualified, "VACUUM (ANALYZE) " + t.get("table").asText());
                    t.put("vacuumed", true);
                }
                ArrayNode indexes = t.putArray("indexes");
                for (IndexBloat b : bloat(c, table[0], table[1])) {
                    ObjectNode i = indexes.addObject();
                    i.put("index", b.name());
                    i.put("bytes", b.bytes());
                    i.put("estimated_bloat_percent", Math.round(b.percent() * 10) / 10.0);
                    String action;
                    if (b.bytes() < minBytes) {
                        action = "kept (smaller than min_index_size_mb)";
                    } else if (b.percent() < threshold) {
                        action = "kept (bloat under the threshold)";
                    } else {
                        String sql = "REINDEX INDEX " + (concurrently ? "CONCURRENTLY " : "") + PgConnector.quote(table[0]) + "."
                                + PgConnector.quote(b.name());
                        run.checkTime("REINDEX " + b.name());
                        Sql.execute(run, c, sql, "REINDEX of " + table[0] + "." + b.name());
                        action = "reindexed";
                        reindexed++;
                    }
                    i.put("action", action);
                }
            }
        }
        result.put("reindexed", reindexed);
    }

    record IndexBloat(String name, long bytes, double percent) {}

    static List<IndexBloat> bloat(Connection c, String schema, String table) throws SQLException {
        List<IndexBloat> out = new ArrayList<>();
        try (var ps = c.prepareStatement(BLOAT_SQL)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long pages = rs.getLong("relpages");
                    double expected = rs.getDouble("expected_pages");
                    // never analysed (reltuples -1 from PostgreSQL 14, 0 before): no estimate, nothing to rebuild
                    double percent = pages <= 0 || rs.getDouble("reltuples") < 0 ? 0 : Math.max(0, 100.0 * (pages - expected) / pages);
                    out.add(new IndexBloat(rs.getString("index_name"), rs.getLong("bytes"), percent));
                }
            }
        }
        return out;
    }

}
