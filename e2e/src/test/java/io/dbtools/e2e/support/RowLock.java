package io.dbtools.e2e.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real blocking chain on PostgreSQL: one session holds a row lock in an open transaction, a second
 * one waits for it in an UPDATE. {@link #release()} rolls the holder back and the waiter finishes.
 */
public final class RowLock implements AutoCloseable {

    private final Connection holder;
    private final Connection waiter;
    private final CompletableFuture<Integer> waiting;
    private boolean released;

    private RowLock(Connection holder, Connection waiter, CompletableFuture<Integer> waiting) {
        this.holder = holder;
        this.waiter = waiter;
        this.waiting = waiting;
    }

    /** Locks row {@code id} of {@code table} and starts an UPDATE of the same row in another session. */
    public static RowLock hold(ConnectionSource db, String table, int id) throws SQLException {
        Connection holder = db.open();
        holder.setAutoCommit(false);
        try (Statement st = holder.createStatement()) {
            st.execute("SELECT * FROM " + table + " WHERE id = " + id + " FOR UPDATE");
        }
        Connection waiter = db.open();
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try (Statement st = waiter.createStatement()) {
                return st.executeUpdate("UPDATE " + table + " SET qty = qty + 1 WHERE id = " + id);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return new RowLock(holder, waiter, waiting);
    }

    /** Whether the second session is still waiting. */
    public boolean blocking() {
        return !waiting.isDone();
    }

    /** Ends the holder's transaction; returns the rows the waiter then updated (1). */
    public int release() throws Exception {
        if (!released) {
            released = true;
            holder.rollback();
        }
        return waiting.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            if (!released) {
                released = true;
                holder.rollback();
            }
        } finally {
            waiting.cancel(true);
            holder.close();
            waiter.close();
        }
    }

    /** Opens a new session. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }
}
