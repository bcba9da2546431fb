package io.dbtools.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the demo database busy so every dashboard has something to show: orders are written and
 * updated (commits, tuples, dead rows), read back (blocks hit), and every minute one session holds a
 * row lock for 20 s while another waits on it (blocked sessions, head blockers, lock waits).
 */
final class DemoWorkload implements AutoCloseable {

    private final DemoDatabase db;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong transactions = new AtomicLong();
    private Thread writer;
    private Thread blocker;

    DemoWorkload(DemoDatabase db) {
        this.db = db;
    }

    DemoWorkload start() {
        writer = Thread.ofVirtual().name("demo-writer").start(this::writeLoop);
        blocker = Thread.ofVirtual().name("demo-blocker").start(this::blockLoop);
        return this;
    }

    long transactions() {
        return transactions.get();
    }

    private void writeLoop() {
        while (running.get()) {
            try (Connection c = db.shop();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO orders (customer_id, amount) VALUES (?, ?)");
                    PreparedStatement update = c.prepareStatement("UPDATE orders SET status = 'shipped' WHERE id = ?");
                    PreparedStatement read = c.prepareStatement("SELECT count(*), sum(amount) FROM orders WHERE customer_id = ?")) {
                while (running.get()) {
                    var random = ThreadLocalRandom.current();
                    insert.setLong(1, random.nextLong(1, 1001));
                    insert.setBigDecimal(2, java.math.BigDecimal.valueOf(random.nextInt(100, 100_000), 2));
                    insert.executeUpdate();
                    update.setLong(1, random.nextLong(1, transactions.get() + 2));
                    update.executeUpdate();
                    read.setLong(1, random.nextLong(1, 1001));
                    read.executeQuery().close();
                    transactions.addAndGet(3);
                    Thread.sleep(20);
                }
            } catch (SQLException e) {
                if (running.get()) pause(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void blockLoop() {
        while (running.get()) {
            try (Connection holder = db.shop(); Connection waiter = db.shop()) {
                holder.setAutoCommit(false);
                try (Statement st = holder.createStatement()) {
                    st.execute("SELECT * FROM customers WHERE id = 1 FOR NO KEY UPDATE");
                }
                Thread waiting = Thread.ofVirtual().start(() -> {
                    try (Statement st = waiter.createStatement()) {
                        st.execute("UPDATE customers SET name = name WHERE id = 1");
                    } catch (SQLException ignored) {
                        // released or shut down
                    }
                });
                pause(20_000);
                holder.rollback();
                waiting.join(5_000);
                pause(40_000);
            } catch (SQLException e) {
                if (running.get()) pause(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        if (writer != null) writer.interrupt();
        if (blocker != null) blocker.interrupt();
        if (writer != null) writer.join(5_000);
        if (blocker != null) blocker.join(5_000);
    }
}
