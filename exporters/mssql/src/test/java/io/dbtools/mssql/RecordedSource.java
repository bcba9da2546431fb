package io.dbtools.mssql;

import io.dbtools.plugin.ScrapeContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Answers every query with one recorded result set and keeps the SQL text it was asked. */
public final class RecordedSource implements MsSource {

    private final ResultSet rows;
    private final List<String> asked = new ArrayList<>();

    public RecordedSource(ResultSet rows) {
        this.rows = rows;
    }

    @Override
    public void query(ScrapeContext context, String sql, RowHandler handler) throws SQLException {
        asked.add(sql);
        rows.beforeFirst();
        while (rows.next()) {
            handler.row(rows);
        }
    }

    public List<String> asked() {
        return asked;
    }
}
