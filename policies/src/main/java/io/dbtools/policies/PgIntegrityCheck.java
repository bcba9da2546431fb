package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL integrity check with amcheck: bt_index_check on every valid B-tree index of the
 * database (heapallindexed when asked) and verify_heapam on every table (amcheck 1.3, PostgreSQL
 * 14+). Corruption found is FAILED with every finding; no amcheck is SKIPPED with the reason.
 */
final class PgIntegrityCheck {

    private static final int MAX_FINDINGS = 100;

    private PgIntegrityCheck() {}

    static void run(Run run) throws PolicyFailure, SQLException {
        JsonNode o = run.options();
        boolean heapallindexed = o.path("heapallindexed").asBoolean(false);
        boolean checkHeap = o.path("check_heap").asBoolean(true);
        ObjectNode result = run.result();
        String database = run.pgDatabase();
        result.put("database", database);
        try (Connection c = PgConnector.open(run.target(), database, PgBackup.cap(run.deadline().remaining()))) {
            c.setAutoCommit(true);
            if (o.path("create_extension").asBoolean(false) && amcheckVersion(c) == null) {
                try {
                    Sql.execute(run, c, "CREATE EXTENSION IF NOT EXISTS amcheck", "CREATE EXTENSION amcheck");
                } catch (SQLException e) {
                    throw PolicyFailure.skipped("amcheck could not be created in database " + database + ": " + e.getMessage(), result);
                }
            }
            String version = amcheckVersion(c);
            if (version == null) {
                throw PolicyFailure.skipped("the amcheck extension is not installed in database " + database
                        + ": run CREATE EXTENSION amcheck there (or set create_extension), then the check runs", result);
            }
            result.put("amcheck_version", version);
            String schema = amcheckSchema(c);
            ArrayNode findings = result.putArray("corruption");
            int indexes = 0;
            for (String[] index : btreeIndexes(c)) {
                run.checkTime("bt_index_check " + index[0] + "." + index[1]);
                indexes++;
                try (var st = c.createStatement()) {
                    Sql.boundBy(run, st);
                    try (var ps = c.prepareStatement("SELECT " + PgConnector.quote(schema) + ".bt_index_check(?::regclass, ?)")) {
                        ps.setString(1, PgConnector.quote(index[0]) + "." + PgConnector.quote(index[1]));
                        ps.setBoolean(2, heapallindexed);
                        ps.execute();
                    }
                } catch (SQLException e) {
                    if (Sql.QUERY_CANCELED.equals(e.getSQLState())) throw run.timedOut("bt_index_check " + index[1]);
                    if (!corruption(e)) throw e;
                    add(findings, index[0] + "." + index[1], e.getMessage());
                }
            }
            result.put("indexes_checked", indexes);
            boolean heapAvailable = checkHeap && hasFunction(c, schema, "verify_heapam");
            int tables = 0;
            if (heapAvailable) {
                for (String[] table : PgTables.user(c)) {
                    run.checkTime("verify_heapam " + table[0] + "." + table[1]);
                    tables++;
                    try (var st = c.createStatement()) {
                        Sql.boundBy(run, st);
                        try (var ps = c.prepareStatement("SELECT blkno, offnum, attnum, msg FROM " + PgConnector.quote(schema)
                                + ".verify_heapam(?::regclass)")) {
                            ps.setString(1, PgConnector.quote(table[0]) + "." + PgConnector.quote(table[1]));
                            try (var rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    add(findings, table[0] + "." + table[1], "block " + rs.getLong(1) + ", offset " + rs.getObject(2)
                                            + (rs.getObject(3) == null ? "" : ", attribute " + rs.getObject(3)) + ": " + rs.getString(4));
                                }
                            }
                        }
                    } catch (SQLException e) {
                        if (Sql.QUERY_CANCELED.equals(e.getSQLState())) throw run.timedOut("verify_heapam " + table[1]);
                        if (!corruption(e)) throw e;
                        add(findings, table[0] + "." + table[1], e.getMessage());
                    }
                }
            } else if (checkHeap) {
                result.put("heap_check", "not available: verify_heapam needs amcheck 1.3 (PostgreSQL 14 or later)");
            }
            result.put("tables_checked", tables);
            if (!findings.isEmpty()) {
                throw PolicyFailure.failed("amcheck found corruption in " + findings.size() + " place(s); first: "
                        + findings.get(0).path("relation").asText() + ": " + findings.get(0).path("message").asText(), result);
            }
        }
    }

    /**
     * XX001 data_corrupted, XX002 index_corrupted: a finding, and the check goes on. Anything else
     * (no EXECUTE grant, a dropped relation) fails the run as a database error.
     */
    private static boolean corruption(SQLException e) {
        return "XX001".equals(e.getSQLState()) || "XX002".equals(e.getSQLState());
    }

    private static void add(ArrayNode findings, String relation, String message) {
        if (findings.size() >= MAX_FINDINGS) return;
        ObjectNode f = findings.addObject();
        f.put("relation", relation);
        f.put("message", message);
    }

    private static String amcheckVersion(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'amcheck'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String amcheckSchema(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("""
                SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'amcheck'""")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean hasFunction(Connection c, String schema, String name) throws SQLException {
        try (var ps = c.prepareStatement("""
                SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ? AND p.proname = ?""")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<String[]> btreeIndexes(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (var st = c.createStatement(); var rs = st.executeQuery("""
                SELECT n.nspname, ci.relname
                FROM pg_index i
                JOIN pg_class ci ON ci.oid = i.indexrelid
                JOIN pg_namespace n ON n.oid = ci.relnamespace
                JOIN pg_am am ON am.oid = ci.relam
                WHERE am.amname = 'btree' AND i.indisvalid AND i.indisready AND ci.relpersistence <> 't'
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
                ORDER BY 1, 2""")) {
            while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
        return out;
    }
}
