package io.dbtools.mssql;

import io.dbtools.plugin.ScrapeContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** {@link MsSource} over the target's pool, every query bounded by the scrape deadline. */
final class PooledSource implements MsSource {

    private final DataSource dataSource;

    PooledSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void query(ScrapeContext context, String sql, RowHandler rows) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(context.deadline().remainingSecondsAtLeastOne());
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows.row(rs);
                }
            }
        }
    }
}
