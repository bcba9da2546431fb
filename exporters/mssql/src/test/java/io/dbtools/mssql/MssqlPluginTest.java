package io.dbtools.mssql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.EnginePlugin;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.Target;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real connection attempts by the real driver; no TDS-speaking peer is needed to see how failures classify. */
class MssqlPluginTest {

    private final MssqlPlugin plugin = new MssqlPlugin();

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void a_closed_local_port_is_unreachable_well_inside_the_deadline() throws Exception {
        var target = Targets.of("t", "mssql", "127.0.0.1", closedPort(), null, "monitor", "wrong-secret-42");
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(target, Duration.ofSeconds(10)));
        assertEquals(FailureKind.UNREACHABLE, failed.kind(), failed.message());
        assertTrue(failed.took().toMillis() < 5000, "took " + failed.took());
        assertTrue(!failed.message().contains("wrong-secret-42"), failed.message());
    }

    @Test
    void an_unknown_host_is_unreachable() {
        var target = Targets.of("t", "mssql", "no-such-host.invalid", 1433, null, "monitor", "pw");
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(target, Duration.ofSeconds(10)));
        assertEquals(FailureKind.UNREACHABLE, failed.kind(), failed.message());
    }

    /** A listener that accepts TCP and never speaks: the driver's pre-login waits until the login timeout. */
    @Test
    @Timeout(15)
    void a_server_that_accepts_but_never_answers_times_out_at_the_deadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(15_000);
                } catch (IOException | InterruptedException e) {
                    // closed by the test
                }
            });
            var target = Targets.of("t", "mssql", "127.0.0.1", silent.getLocalPort(), null, "monitor", "pw");
            var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(target, Duration.ofSeconds(2)));
            assertEquals(FailureKind.TIMEOUT, failed.kind(), failed.message());
            assertTrue(failed.took().toMillis() < 6000, "took " + failed.took());
            acceptor.interrupt();
        }
    }

    /** The driver asks the SQL Browser on UDP 1434 for the instance's port; nothing answers on this host. */
    @Test
    void a_named_instance_without_a_browser_answering_is_unreachable() {
        var base = Targets.of("t", "mssql", "127.0.0.1", 1433, null, "monitor", "pw");
        var target = new Target(base.name(), base.tenant(), base.server(), base.engine(), base.host(), base.port(), null,
                base.credentials(), base.tls(), base.collectors(), Map.of("instance", "SALES"), Map.of());
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(target, Duration.ofSeconds(10)));
        assertEquals(FailureKind.UNREACHABLE, failed.kind(), failed.message());
        assertTrue(failed.message().contains("SALES"), failed.message());
    }

    /** Whatever deadline the caller gives, a connection test gives up after 10 seconds. */
    @Test
    @Timeout(20)
    void a_connection_test_never_waits_longer_than_ten_seconds() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(30_000);
                } catch (IOException | InterruptedException e) {
                    // closed by the test
                }
            });
            var target = Targets.of("t", "mssql", "127.0.0.1", silent.getLocalPort(), null, "monitor", "pw");
            var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(target, Duration.ofMinutes(2)));
            assertEquals(FailureKind.TIMEOUT, failed.kind(), failed.message());
            assertTrue(failed.took().toMillis() >= 9_000 && failed.took().toMillis() < 12_000, "took " + failed.took());
            acceptor.interrupt();
        }
    }

    @Test
    void a_scrape_session_on_a_closed_port_fails_identify_as_unreachable() throws Exception {
        var target = Targets.of("t", "mssql", "127.0.0.1", closedPort(), null, "monitor", "pw");
        try (var session = plugin.open(target)) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(ConnectException.class,
                    () -> session.identify(Deadline.after(Duration.ofSeconds(5), Clock.systemUTC())));
            assertEquals(FailureKind.UNREACHABLE, e.kind(), e.getMessage());
        }
    }

    @Test
    void the_plugin_is_found_by_the_service_loader_and_serves_mssql_on_1433() {
        var found = ServiceLoader.load(EnginePlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("mssql")).findFirst().orElseThrow();
        assertTrue(found.engines().contains("mssql"));
        assertEquals(1433, found.defaultPort("mssql"));
    }

    @Test
    void collector_names_are_unique_and_every_collector_loads_its_sql() {
        var names = new HashSet<String>();
        for (var info : plugin.collectors()) {
            assertTrue(names.add(info.name()), "duplicate collector " + info.name());
        }
        assertEquals(12, names.size());
    }
}
