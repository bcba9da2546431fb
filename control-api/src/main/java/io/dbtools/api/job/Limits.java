package io.dbtools.api.job;

import io.dbtools.api.db.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Concurrency limits besides the node's thread count (the global limit): jobs per tenant on this
 * node (tenant setting {@code job_concurrency}) and one job per server across every node — a
 * PostgreSQL advisory lock held on a connection for the run, so a node that dies frees it at once.
 */
final class Limits {

    static final int DEFAULT_TENANT_LIMIT = 4;

    /** A granted slot; closing it frees the tenant slot and the server lock. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final DataSource locks;
    private final Map<Long, AtomicInteger> running = new ConcurrentHashMap<>();

    Limits(DataSource locks) {
        this.locks = locks;
    }

    /** @return a slot, or null when the tenant is at its limit or another job holds the server */
    Slot acquire(long tenantId, Db tenantDb, Job job) {
        int limit = tenantDb.one("SELECT value FROM settings WHERE key = 'job_concurrency'", rs -> Integer.parseInt(rs.getString(1)))
                .orElse(DEFAULT_TENANT_LIMIT);
        AtomicInteger count = running.computeIfAbsent(tenantId, id -> new AtomicInteger());
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            return null;
        }
        if (job.serverId() == null || job.allowConcurrent()) {
            return count::decrementAndGet;
        }
        Connection c = null;
        try {
            c = locks.getConnection();
            c.setAutoCommit(true);
            if (!lock(c, "SELECT pg_try_advisory_lock(?, ?)", tenantId, job.serverId())) {
                c.close();
                count.decrementAndGet();
                return null;
            }
            Connection held = c;
            return () -> {
                try (held) {
                    lock(held, "SELECT pg_advisory_unlock(?, ?)", tenantId, job.serverId());
                } catch (SQLException e) {
                    // closing the connection ends the session, which frees the lock anyway
                } finally {
                    count.decrementAndGet();
                }
            };
        } catch (SQLException e) {
            count.decrementAndGet();
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            throw new IllegalStateException("cannot take the server lock: " + e.getMessage(), e);
        }
    }

    private static boolean lock(Connection c, String sql, long tenantId, long serverId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setInt(1, (int) tenantId);
            st.setInt(2, (int) serverId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
