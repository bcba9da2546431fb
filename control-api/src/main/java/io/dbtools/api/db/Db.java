package io.dbtools.api.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC with bind parameters, kept to what the repositories need. Every statement either
 * borrows a pooled connection or runs on the transaction's connection ({@link #inTransaction}).
 */
public final class Db {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Db tx) throws SQLException;
    }

    /** A failed statement; {@link #uniqueViolation()} lets repositories turn duplicates into 409s. */
    public static final class DbException extends RuntimeException {
        private final String sqlState;

        DbException(SQLException e) {
            super(e.getMessage(), e);
            this.sqlState = e.getSQLState();
        }

        public boolean uniqueViolation() {
            return "23505".equals(sqlState);
        }
    }

    private final DataSource dataSource;
    private final Connection connection;

    public Db(DataSource dataSource) {
        this.dataSource = dataSource;
        this.connection = null;
    }

    private Db(Connection connection) {
        this.dataSource = null;
        this.connection = connection;
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return run(c -> {
            try (PreparedStatement st = prepare(c, sql, params); ResultSet rs = st.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        });
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public long count(String sql, Object... params) {
        return one(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    public int update(String sql, Object... params) {
        return run(c -> {
            try (PreparedStatement st = prepare(c, sql, params)) {
                return st.executeUpdate();
            }
        });
    }

    public <T> T inTransaction(Work<T> work) {
        if (connection != null) {
            try {
                return work.run(this);
            } catch (SQLException e) {
                throw new DbException(e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new Db(c));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T run(ConnectionWork<T> work) {
        try {
            if (connection != null) {
                return work.run(connection);
            }
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                st.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (p instanceof String[] strings) {
                Array array = c.createArrayOf("text", strings);
                st.setArray(i + 1, array);
            } else if (p instanceof Long[] longs) {
                st.setArray(i + 1, c.createArrayOf("bigint", longs));
            } else if (p instanceof Json json) {
                st.setObject(i + 1, json.text(), java.sql.Types.OTHER);
            } else {
                st.setObject(i + 1, p);
            }
        }
        return st;
    }

    /** A parameter sent as jsonb. */
    public record Json(String text) {}

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
