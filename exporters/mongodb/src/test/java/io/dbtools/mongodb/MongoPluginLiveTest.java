package io.dbtools.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.dbtools.exporter.Exporter;
import io.dbtools.exporter.ExporterOptions;
import io.dbtools.exporter.Exposition;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.exporter.TargetSource;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver path against a real MongoDB wire-protocol server (mongo-java-server): connect, identify,
 * collect from commands it answers, and fail alone on the ones it lacks.
 */
class MongoPluginLiveTest {

    private final MongoPlugin plugin = new MongoPlugin();

    @BeforeAll
    static void insert_data() {
        try (MongoClient c = MongoClients.create(TestMongo.connectionString())) {
            var shop = c.getDatabase("shop");
            shop.getCollection("orders").insertMany(IntStream.range(0, 3).mapToObj(i -> new Document("n", i).append("item", "pen")).toList());
            shop.getCollection("customers").insertMany(List.of(new Document("name", "ada"), new Document("name", "bob")));
            c.getDatabase("audit").getCollection("events").insertOne(new Document("e", "login"));
        }
    }

    private static String scrape(Target target, Duration budget) throws Exception {
        try (Exporter exporter = new Exporter(new PluginRegistry(List.of(new MongoPlugin())), TargetSource.of(List.of(target)),
                Clock.systemUTC(), ExporterOptions.DEFAULTS)) {
            Exposition.Labelled part = exporter.probe(target.name(), budget).orElseThrow();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new PrometheusTextFormatWriter(false).write(out, Exposition.toSnapshots(List.of(part)));
            return out.toString();
        }
    }

    private static String series(String name, String labels) {
        return name + "{" + labels + (labels.isEmpty() ? "" : ",") + "engine=\"mongodb\",";
    }

    @Test
    void the_plugin_is_found_by_the_service_loader_for_engine_mongodb() {
        assertEquals("mongodb", PluginRegistry.discover().forEngine("mongodb").orElseThrow().id());
        assertEquals(27017, plugin.defaultPort("mongodb"));
    }

    @Test
    void test_connection_identifies_the_server_and_finds_nothing_missing_when_access_control_is_off() {
        var ok = assertInstanceOf(ConnectionCheck.Ok.class, plugin.testConnection(TestMongo.target("t"), Duration.ofSeconds(5)));
        assertEquals("mongodb", ok.server().flavor());
        assertEquals("5.0.0", ok.server().versionText());
        assertEquals("community", ok.server().edition());
        assertEquals("standalone", ok.server().extra().get("topology"));
        assertEquals(List.of(), ok.missingPermissions());
        assertTrue(ok.took().toMillis() < 5000, "took " + ok.took());
    }

    @Test
    void a_closed_port_is_unreachable_and_answers_fast() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Target closed = withPort(TestMongo.target("t"), port);
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(closed, Duration.ofSeconds(10)));
        assertEquals(FailureKind.UNREACHABLE, failed.kind(), failed.message());
        assertTrue(failed.took().toMillis() < 2000, "took " + failed.took());
    }

    @Test
    void a_port_that_accepts_but_never_answers_is_a_timeout_within_the_deadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Target target = withPort(TestMongo.target("t"), silent.getLocalPort());
            var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(target, Duration.ofMillis(800)));
            assertEquals(FailureKind.TIMEOUT, failed.kind(), failed.message());
            assertTrue(failed.took().toMillis() < 2500, "took " + failed.took());
        }
    }

    @Test
    void credentials_the_server_cannot_check_are_an_authentication_failure_that_never_shows_the_password() {
        // The peer has no authentication at all (it does not know saslStart), so this proves the
        // classification of a refused login and the message hygiene, not a wrong-password check.
        Target t = TestMongo.target("t");
        Target withUser = new Target(t.name(), t.tenant(), t.server(), t.engine(), t.host(), t.port(), null,
                Target.Credentials.password("monitor", SecretRef.literal("s3cret-pass-91")), t.tls(), t.collectors(), t.options(), t.labels());
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(withUser, Duration.ofSeconds(5)));
        assertEquals(FailureKind.AUTHENTICATION, failed.kind(), failed.message());
        assertFalse(failed.message().contains("s3cret-pass-91"), failed.message());
    }

    @Test
    void an_unknown_auth_mechanism_is_a_configuration_failure_naming_the_option() {
        Target t = TestMongo.target("t", Map.of("auth_mechanism", "MAGIC"));
        Target withUser = new Target(t.name(), t.tenant(), t.server(), t.engine(), t.host(), t.port(), null,
                Target.Credentials.password("monitor", SecretRef.literal("x")), t.tls(), t.collectors(), t.options(), t.labels());
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(withUser, Duration.ofSeconds(5)));
        assertEquals(FailureKind.CONFIGURATION, failed.kind());
        assertTrue(failed.message().contains("auth_mechanism"), failed.message());
    }

    @Test
    void a_session_identifies_lazily_and_reconnects_after_close() throws Exception {
        try (var session = plugin.open(TestMongo.target("t"))) {
            assertEquals(null, session.source(), "no client before the first scrape");
            ServerInfo info = session.identify(Deadline.after(Duration.ofSeconds(5), Clock.systemUTC()));
            assertEquals("standalone", info.extra().get("topology"));
            session.close();
            assertEquals(null, session.source(), "close drops the client");
            assertEquals("5.0.0", session.identify(Deadline.after(Duration.ofSeconds(5), Clock.systemUTC())).versionText());
        }
    }

    @Test
    void a_session_against_a_closed_port_throws_unreachable_without_waiting_for_server_selection() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (var session = plugin.open(withPort(TestMongo.target("t"), port))) {
            long start = System.nanoTime();
            var e = assertThrows(ConnectException.class, () -> session.identify(Deadline.after(Duration.ofSeconds(10), Clock.systemUTC())));
            assertEquals(FailureKind.UNREACHABLE, e.kind());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2000);
        }
    }

    @Test
    void closing_a_session_closes_its_client() throws Exception {
        var session = plugin.open(TestMongo.target("t"));
        Deadline deadline = Deadline.after(Duration.ofSeconds(5), Clock.systemUTC());
        session.identify(deadline);
        MongoSource source = session.source();
        assertEquals(1.0, source.command(deadline, "admin", new Document("ping", 1)).get("ok", Number.class).doubleValue());
        session.close();
        // The driver refuses any use of a closed client: its pool and monitor are gone.
        assertThrows(IllegalStateException.class, () -> source.command(deadline, "admin", new Document("ping", 1)));
    }

    @Test
    void an_expired_deadline_is_a_timeout_without_waiting_for_the_server() {
        try (var session = plugin.open(TestMongo.target("t"))) {
            Deadline past = Deadline.after(Duration.ZERO, Clock.systemUTC());
            long start = System.nanoTime();
            var e = assertThrows(ConnectException.class, () -> session.identify(past));
            assertEquals(FailureKind.TIMEOUT, e.kind());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 1000);
        }
    }

    @Test
    void a_scrape_reports_db_stats_of_inserted_data_and_the_commands_the_server_lacks_fail_alone() throws Exception {
        String text = scrape(TestMongo.target("live"), Duration.ofSeconds(10));
        assertTrue(text.contains("dbtools_up{engine=\"mongodb\",server=\"live\",tenant=\"acme\"} 1.0"), text);
        assertTrue(text.contains("dbtools_server_info{edition=\"community\",engine=\"mongodb\",flavor=\"mongodb\",server=\"live\",tenant=\"acme\",topology=\"standalone\",version=\"5.0.0\"} 1"), text);
        // dbStats with the documents inserted above: 3 orders + 2 customers in 2 collections.
        assertTrue(text.contains(series("dbtools_mongodb_database_objects", "database=\"shop\"") + "server=\"live\",tenant=\"acme\"} 5.0"), text);
        assertTrue(text.contains(series("dbtools_mongodb_database_collections", "database=\"shop\"") + "server=\"live\",tenant=\"acme\"} 2.0"), text);
        assertTrue(text.contains(series("dbtools_mongodb_database_objects", "database=\"audit\"") + "server=\"live\",tenant=\"acme\"} 1.0"), text);
        assertTrue(text.contains(series("dbtools_database_size_bytes", "database=\"shop\"")), text);
        // serverStatus answers in part: the connection count is there, WiredTiger is not.
        assertTrue(text.contains("dbtools_connections_used{engine=\"mongodb\",server=\"live\",tenant=\"acme\"}"), text);
        assertFalse(text.contains("dbtools_mongodb_wiredtiger"), text);
        assertTrue(text.contains(success("server_status", 1)), text);
        assertTrue(text.contains(success("db_stats", 1)), text);
        // No aggregate, no $collStats on this server: those collectors fail, the scrape does not.
        assertTrue(text.contains(success("current_op", 0)), text);
        assertTrue(text.contains(success("coll_stats", 0)), text);
        assertFalse(text.contains("dbtools_oldest_query_seconds"), text);
        // A standalone has no replica set: those collectors are skipped, not failed.
        assertFalse(text.contains("collector=\"repl_set_get_status\""), text);
        assertFalse(text.contains("collector=\"oplog_rs\""), text);
    }

    @Test
    void databases_beyond_databases_top_n_are_summed_into_other() throws Exception {
        String text = scrape(TestMongo.target("top", Map.of("databases_top_n", "1")), Duration.ofSeconds(10));
        long perDatabase = text.lines().filter(l -> l.startsWith("dbtools_mongodb_database_objects{")).count();
        assertEquals(1, perDatabase, text);
        assertTrue(text.contains(series("dbtools_database_size_bytes", "database=\"other\"")), text);
    }

    @Test
    void a_server_that_goes_away_between_scrapes_is_down_within_the_budget_and_back_when_it_returns() throws Exception {
        MongoServer own = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        own.bind("127.0.0.1", 0);
        int port = own.getLocalAddress().getPort();
        Target target = withPort(TestMongo.target("flaky"), port);
        try (Exporter exporter = new Exporter(new PluginRegistry(List.of(new MongoPlugin())), TargetSource.of(List.of(target)),
                Clock.systemUTC(), ExporterOptions.DEFAULTS)) {
            assertTrue(probe(exporter, "flaky").contains("dbtools_up{engine=\"mongodb\",server=\"flaky\",tenant=\"acme\"} 1.0"));
            own.shutdownNow();
            long start = System.nanoTime();
            String down = probe(exporter, "flaky");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(down.contains("dbtools_up{engine=\"mongodb\",server=\"flaky\",tenant=\"acme\"} 0.0"), down);
            assertTrue(down.contains("dbtools_target_connect_error{engine=\"mongodb\",kind=\"unreachable\""), down);
            assertTrue(tookMs < 3000, "took " + tookMs + " ms");
            MongoServer back = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
            back.bind("127.0.0.1", port);
            try {
                assertTrue(probe(exporter, "flaky").contains("dbtools_up{engine=\"mongodb\",server=\"flaky\",tenant=\"acme\"} 1.0"));
            } finally {
                back.shutdownNow();
            }
        }
    }

    private static String probe(Exporter exporter, String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, Exposition.toSnapshots(List.of(exporter.probe(name, Duration.ofSeconds(3)).orElseThrow())));
        return out.toString();
    }

    private static String success(String collector, int value) {
        return "dbtools_scrape_collector_success{collector=\"" + collector + "\",engine=\"mongodb\",server=\"live\",tenant=\"acme\"} " + value + ".0";
    }

    private static Target withPort(Target t, int port) {
        return new Target(t.name(), t.tenant(), t.server(), t.engine(), t.host(), port, t.database(), t.credentials(), t.tls(),
                t.collectors(), t.options(), t.labels());
    }
}
