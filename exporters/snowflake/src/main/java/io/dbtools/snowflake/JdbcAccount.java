package io.dbtools.snowflake;

import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A Snowflake JDBC connection. One per target is enough: collectors run one after another, and a Snowflake
 * session is an HTTPS token, not a socket worth pooling.
 */
final class JdbcAccount implements SfAccount {

    private final Connection connection;

    private JdbcAccount(Connection connection) {
        this.connection = connection;
    }

    static SfAccount open(Target target, Duration loginTimeout) throws SQLException {
        return new JdbcAccount(DriverManager.getConnection(SfConnections.url(target), SfConnections.properties(target, loginTimeout)));
    }

    @Override
    public ServerInfo identify(int timeoutSeconds) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = st.executeQuery(SfIdentity.SQL)) {
                rs.next();
                return SfIdentity.from(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    @Override
    public void run(String sql, int timeoutSeconds, SfSource.RowHandler rows) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows.row(rs);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Logging out of a session that is already gone: nothing left to release.
        }
    }
}
