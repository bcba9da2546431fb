package io.dbtools.policies;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The user tables of a PostgreSQL database (no system schemas, no temporary tables of other sessions). */
final class PgTables {

    private PgTables() {}

    /** {schema, table} pairs, ordered. */
    static List<String[]> user(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (var st = c.createStatement(); var rs = st.executeQuery("""
                SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'm') AND c.relpersistence <> 't'
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
                ORDER BY 1, 2""")) {
            while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
        return out;
    }
}
