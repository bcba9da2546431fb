package io.dbtools.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.Target;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS modes against the wire-protocol peer serving TLS with a self-signed certificate made by the
 * JDK's keytool, valid for IP 127.0.0.1 only (so "localhost" is a host name mismatch).
 */
class MongoTlsLiveTest {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static MongoServer server;
    private static int port;
    private static Path caFile;

    private final MongoPlugin plugin = new MongoPlugin();

    @BeforeAll
    static void start_tls_server() throws Exception {
        Path dir = Files.createTempDirectory("dbtools-mongo-tls-");
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=dbtools-test", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(STORE_PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STORE_PASSWORD);
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate("server");
        caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        server.enableSsl((PrivateKey) ks.getKey("server", STORE_PASSWORD), new String(STORE_PASSWORD), cert);
        server.bind("127.0.0.1", 0);
        port = server.getLocalAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.shutdownNow();
    }

    private static Target target(String host, Target.Tls tls) {
        Target t = TestMongo.target("tls");
        return new Target(t.name(), t.tenant(), t.server(), t.engine(), host, port, null, t.credentials(), tls,
                t.collectors(), t.options(), t.labels());
    }

    @Test
    void verify_full_with_the_servers_ca_connects_over_tls() {
        var check = plugin.testConnection(target("127.0.0.1", new Target.Tls("verify-full", caFile.toString(), null, null, false)),
                Duration.ofSeconds(5));
        var ok = assertInstanceOf(ConnectionCheck.Ok.class, check, check.toString());
        assertEquals("5.0.0", ok.server().versionText());
    }

    @Test
    void verify_full_rejects_a_host_name_the_certificate_does_not_name_and_verify_ca_accepts_it() {
        var mismatch = plugin.testConnection(target("localhost", new Target.Tls("verify-full", caFile.toString(), null, null, false)),
                Duration.ofSeconds(5));
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, mismatch);
        assertEquals(FailureKind.CONFIGURATION, failed.kind(), failed.message());
        assertTrue(failed.message().contains("TLS"), failed.message());
        assertInstanceOf(ConnectionCheck.Ok.class,
                plugin.testConnection(target("localhost", new Target.Tls("verify-ca", caFile.toString(), null, null, false)), Duration.ofSeconds(5)));
    }

    @Test
    void a_certificate_the_jvm_does_not_trust_is_a_configuration_failure_unless_trust_server_certificate_is_set() {
        var untrusted = plugin.testConnection(target("127.0.0.1", new Target.Tls("require", null, null, null, false)), Duration.ofSeconds(5));
        assertEquals(FailureKind.CONFIGURATION, assertInstanceOf(ConnectionCheck.Failed.class, untrusted).kind());
        assertInstanceOf(ConnectionCheck.Ok.class,
                plugin.testConnection(target("127.0.0.1", new Target.Tls("require", null, null, null, true)), Duration.ofSeconds(5)));
    }

    @Test
    void an_unreadable_ca_file_is_a_configuration_failure_naming_tls() {
        var check = plugin.testConnection(target("127.0.0.1", new Target.Tls("verify-full", "/nonexistent/ca.pem", null, null, false)),
                Duration.ofSeconds(5));
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, check);
        assertEquals(FailureKind.CONFIGURATION, failed.kind());
        assertTrue(failed.message().contains("tls"), failed.message());
    }
}
