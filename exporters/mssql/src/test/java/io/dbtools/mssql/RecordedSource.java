package io.dbtools.mssql;

import io.dbtools.plugin.ScrapeContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Answers every query with one recorded result set and keeps the SQL text it was asked. Each column of the
 * recorded set must be one the query selects, so a test cannot feed a collector a column its SQL never returns.
 */
public final class RecordedSource implements MsSource {

    private final ResultSet rows;
    private final List<String> asked = new ArrayList<>();

    public RecordedSource(ResultSet rows) {
        this.rows = rows;
    }

    @Override
    public void query(ScrapeContext context, String sql, RowHandler handler) throws SQLException {
        asked.add(sql);
        String code = sql.replaceAll("--[^\n]*", "");
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

    public List<String> asked() {
        return asked;
    }
}
