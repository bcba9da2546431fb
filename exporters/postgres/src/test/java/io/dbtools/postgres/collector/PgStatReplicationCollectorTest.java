package io.dbtools.postgres.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.plugin.CoreMetrics;
import io.dbtools.postgres.Scrapes;
import io.dbtools.postgres.TestPostgres;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * A physical replication slot keeps WAL; a WAL stream opened over the replication protocol (what a
 * standby's walreceiver does) shows as a standby in pg_stat_replication and makes the slot active.
 */
class PgStatReplicationCollectorTest {

    private static final String SLOT = "dbtools_test_slot";
    private static final String RETAINED = "dbtools_postgres_replication_slot_retained_wal_bytes";

    @Test
    void a_physical_slot_retains_the_wal_written_after_it_and_a_streaming_client_shows_as_a_standby() throws Exception {
        try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'");
            st.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            st.execute("CREATE TABLE IF NOT EXISTS slot_filler (id int, pad text)");
            st.execute("INSERT INTO slot_filler SELECT g, repeat('w', 100) FROM generate_series(1, 20000) g");
        }
        try {
            // A standby another test class started may take a moment to go away.
            Scrapes idle = Scrapes.probeUntil(TestPostgres.target("slots"),
                    x -> x.value(CoreMetrics.REPLICATION_LAG_SECONDS).isEmpty(), Duration.ofSeconds(10));
            String[] slot = {"slot_name", SLOT, "slot_type", "physical", "database", ""};
            assertTrue(idle.require(RETAINED, slot) >= 20000 * 100, "20000 rows of 100 bytes written after the slot");
            assertEquals(0.0, idle.require("dbtools_postgres_replication_slot_active", slot));
            assertEquals(1.0, idle.require("dbtools_postgres_replication_slot_wal_status", concat(slot, "status", "reserved")));
            assertEquals(0.0, idle.require("dbtools_postgres_replication_slot_wal_status", concat(slot, "status", "lost")));
            assertEquals(0.0, idle.require("dbtools_postgres_in_recovery"));
            assertTrue(idle.value(CoreMetrics.REPLICATION_LAG_SECONDS).isEmpty(), "a primary without standbys has no lag");

            try (Connection replication = replicationConnection();
                    PGReplicationStream stream = startStream(replication)) {
                Scrapes streaming = Scrapes.probeUntil(TestPostgres.target("slots"),
                        s -> s.value("dbtools_postgres_replication_streaming", "application_name", "dbtools_test_standby").orElse(0.0) == 1,
                        Duration.ofSeconds(10));
                String[] standby = {"application_name", "dbtools_test_standby", "client_addr", "127.0.0.1"};
                assertEquals(1.0, streaming.require("dbtools_postgres_replication_streaming", standby));
                assertEquals(0.0, streaming.require("dbtools_postgres_replication_synchronous", standby));
                assertTrue(streaming.require("dbtools_postgres_replication_replay_lag_bytes", standby) >= 0);
                assertEquals(1.0, streaming.require("dbtools_postgres_replication_slot_active", slot));
                assertTrue(streaming.require(CoreMetrics.REPLICATION_LAG_SECONDS) >= 0, "a primary with a standby reports lag");
            }
        } finally {
            try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
                st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + SLOT
                        + "' AND NOT active");
            }
        }
    }

    private static Connection replicationConnection() throws Exception {
        Properties p = new Properties();
        PGProperty.USER.set(p, "postgres");
        PGProperty.REPLICATION.set(p, "true");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "9.4");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        PGProperty.APPLICATION_NAME.set(p, "dbtools_test_standby");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + TestPostgres.get().getPort() + "/postgres", p);
    }

    private static PGReplicationStream startStream(Connection replication) throws Exception {
        LogSequenceNumber from;
        try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT restart_lsn FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'")) {
            rs.next();
            from = LogSequenceNumber.valueOf(rs.getString(1));
        }
        PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().physical()
                .withSlotName(SLOT).withStartPosition(from).withStatusInterval(100, TimeUnit.MILLISECONDS).start();
        // Read what is there and acknowledge it, as a standby does after writing and replaying.
        for (int i = 0; i < 50; i++) {
            ByteBuffer msg = stream.readPending();
            if (msg == null) {
                Thread.sleep(20);
                continue;
            }
            stream.setFlushedLSN(stream.getLastReceiveLSN());
            stream.setAppliedLSN(stream.getLastReceiveLSN());
        }
        stream.forceUpdateStatus();
        return stream;
    }

    private static String[] concat(String[] labels, String name, String value) {
        String[] out = java.util.Arrays.copyOf(labels, labels.length + 2);
        out[labels.length] = name;
        out[labels.length + 1] = value;
        return out;
    }
}
