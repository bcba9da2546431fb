package io.dbtools.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo's PostgreSQL: embedded from Maven, with a monitoring role holding only {@code pg_monitor}
 * (what DbTools asks of a real server) and a small shop schema for the workload.
 */
final class DemoDatabase implements AutoCloseable {

    static final String MONITOR_USER = "dbtools_monitor";

    private final EmbeddedPostgres pg;
    private final String monitorPassword;

    private DemoDatabase(EmbeddedPostgres pg, String monitorPassword) {
        this.pg = pg;
        this.monitorPassword = monitorPassword;
    }

    static DemoDatabase start(int port, String monitorPassword) throws IOException, SQLException {
        Path data = Files.createTempDirectory("dbtools-demo-pg-");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("track_io_timing", "on");
        if (port > 0) builder.setPort(port);
        EmbeddedPostgres pg = builder.start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + MONITOR_USER + " LOGIN PASSWORD '" + monitorPassword.replace("'", "''") + "'");
            st.execute("GRANT pg_monitor TO " + MONITOR_USER);
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            st.execute("CREATE DATABASE shop");
        }
        try (Connection c = pg.getDatabase("postgres", "shop").getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());
                    CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint REFERENCES customers,
                                         amount numeric(10,2), status text DEFAULT 'new', created_at timestamptz DEFAULT now());
                    CREATE INDEX orders_customer ON orders (customer_id);
                    INSERT INTO customers (name) SELECT 'customer ' || g FROM generate_series(1, 1000) g;
                    """);
        }
        return new DemoDatabase(pg, monitorPassword);
    }

    int port() {
        return pg.getPort();
    }

    String monitorPassword() {
        return monitorPassword;
    }

    Connection shop() throws SQLException {
        return pg.getDatabase("postgres", "shop").getConnection();
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
