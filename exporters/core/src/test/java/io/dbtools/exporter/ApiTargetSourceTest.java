package io.dbtools.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.dbtools.exporter.testing.SettableClock;
import io.dbtools.plugin.SecretRef;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cache and outage behaviour of the lookup, against a scripted HTTP endpoint standing in for the
 * control API (the real API is exercised end to end in control-api's ExporterLookupTest).
 */
class ApiTargetSourceTest {

    private static final String DOC = """
            {"targetId":"acme.7","tenant":"acme","server":"orders","engine":"postgres","host":"db1","port":5432,
             "database":"postgres","options":{"statements_top_n":"10"},"authType":"password","username":"mon",
             "password":"pw-123","secretRef":null,
             "tls":{"mode":"require","caFile":null,"certFile":null,"keyFile":null,"trustServerCertificate":false},
             "labels":["prod","eu-west"]}""";

    private HttpServer api;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String authorization;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private ApiTargetSource source;

    @BeforeEach
    void start() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api/sd/lookup/", ex -> {
            calls.incrementAndGet();
            authorization = ex.getRequestHeaders().getFirst("Authorization");
            byte[] body = DOC.getBytes(StandardCharsets.UTF_8);
            int code = status.get();
            ex.sendResponseHeaders(code, code == 200 ? body.length : -1);
            if (code == 200) ex.getResponseBody().write(body);
            ex.close();
        });
        api.createContext("/api/sd/targets", ex -> {
            byte[] body = "[{\"targets\":[\"x:9630\"],\"labels\":{\"__param_target\":\"acme.7\"}}]".getBytes(StandardCharsets.UTF_8);
            int code = status.get();
            ex.sendResponseHeaders(code, code == 200 ? body.length : -1);
            if (code == 200) ex.getResponseBody().write(body);
            ex.close();
        });
        api.start();
        source = new ApiTargetSource(URI.create("http://127.0.0.1:" + api.getAddress().getPort()),
                SecretRef.literal("dbt_exporter"), HttpClient.newHttpClient(), clock, Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    @Test
    void a_lookup_maps_every_field_and_sends_the_exporter_token() {
        var t = source.find("acme.7").orElseThrow();
        assertEquals("Bearer dbt_exporter", authorization);
        assertEquals("acme", t.tenant());
        assertEquals("orders", t.server());
        assertEquals("db1:5432", t.address());
        assertEquals("pw-123", t.credentials().password().resolve());
        assertEquals("require", t.tls().mode());
        assertEquals("10", t.options().get("statements_top_n"));
        assertEquals("true", t.labels().get("eu_west"));
    }

    @Test
    void lookups_are_cached_for_the_ttl() {
        source.find("acme.7");
        source.find("acme.7");
        assertEquals(1, calls.get());
        clock.advance(Duration.ofSeconds(61));
        source.find("acme.7");
        assertEquals(2, calls.get());
    }

    @Test
    void an_api_outage_keeps_serving_a_known_target_and_fails_clearly_for_an_unknown_one() {
        source.find("acme.7");
        status.set(500);
        clock.advance(Duration.ofSeconds(61));
        assertTrue(source.find("acme.7").isPresent(), "stale definition kept while the API is down");
        var e = assertThrows(TargetSourceUnavailableException.class, () -> source.find("acme.8"));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    }

    @Test
    void all_lists_the_targets_service_discovery_names_and_survives_an_outage() {
        assertEquals("acme.7", source.all().getFirst().name());
        status.set(503);
        clock.advance(Duration.ofSeconds(61));
        assertEquals(1, source.all().size(), "last discovered targets kept while the API is down");
    }

    @Test
    void an_unknown_target_is_remembered_briefly() {
        status.set(404);
        assertTrue(source.find("acme.9").isEmpty());
        assertTrue(source.find("acme.9").isEmpty());
        assertEquals(1, calls.get());
    }
}
