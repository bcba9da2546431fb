package io.dbtools.postgres;

import io.dbtools.plugin.ScrapeContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Answers each query with the recorded result set of the table it reads (the first key found in its SQL, comments
 * left out) and keeps the SQL and parameters it was asked. Each column of a recorded set must be one the query
 * selects, so a test cannot feed a collector a column its SQL never returns; a query of a table with no
 * recording fails, as the server would without the privilege.
 */
public final class RecordedSource implements PgQueries {

    /** One query as asked. */
    public record Asked(String sql, long[] parameters) {}

    private final Map<String, ResultSet> byTable = new LinkedHashMap<>();
    private final List<Asked> asked = new ArrayList<>();

    public RecordedSource answer(String table, ResultSet rows) {
        byTable.put(table, rows);
        return this;
    }

    @Override
    public void query(ScrapeContext context, String sql, PgSource.RowHandler handler, long... parameters) throws SQLException {
        asked.add(new Asked(sql, parameters.clone()));
        String code = sql.replaceAll("--[^\n]*", "");
        ResultSet rows = byTable.entrySet().stream().filter(e -> code.contains(e.getKey())).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new SQLException("no recording for:\n" + sql));
        var md = rows.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (!Pattern.compile("\\b" + Pattern.quote(md.getColumnName(i)) + "\\b").matcher(code).find()) {
                throw new AssertionError("the query does not select " + md.getColumnName(i) + ":\n" + sql);
            }
        }
        rows.beforeFirst();
        while (rows.next()) {
            handler.row(rows);
        }
    }

    public List<Asked> asked() {
        return asked;
    }
}
