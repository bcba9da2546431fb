package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.exporter.ApiTargetSource;
import io.dbtools.exporter.Exporter;
import io.dbtools.exporter.ExporterOptions;
import io.dbtools.exporter.ExporterServer;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.plugin.SecretRef;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The exporter resolving its targets through the real control API, as Prometheus drives it via SD. */
class ExporterLookupTest {

    private static final Http http = TestApi.http();
    private final HttpClient client = HttpClient.newHttpClient();

    private String probe(int port, String target) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/probe?target=" + target)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + "\n" + r.body();
    }

    @Test
    void a_server_onboarded_through_the_api_is_scraped_by_its_sd_target_id_with_tenant_labels() throws Exception {
        String slug = TestApi.newTenant("lookup");
        String op = TestApi.token(slug, "operator");
        long id = http.post("/api/servers", op, null, TestApi.pgServer("orders-db", "\"labels\":[\"prod\"]"))
                .json().get("server").get("id").asLong();
        String targetId = http.get("/api/sd/targets", op, null).json().get(0).get("labels").get("__param_target").asText();
        assertEquals(slug + "." + id, targetId);

        var source = new ApiTargetSource(URI.create("http://127.0.0.1:" + TestApi.app().port()),
                SecretRef.literal(TestApi.token(slug, "exporter")), client, Clock.systemUTC(), Duration.ZERO);
        try (Exporter exporter = new Exporter(PluginRegistry.discover(), source, Clock.systemUTC(), ExporterOptions.DEFAULTS);
                ExporterServer server = new ExporterServer(exporter, new InetSocketAddress("127.0.0.1", 0)).start()) {
            String scraped = probe(server.port(), targetId);
            assertTrue(scraped.startsWith("200\n"), scraped);
            assertTrue(scraped.contains("dbtools_up{tenant=\"" + slug + "\",server=\"orders-db\",engine=\"postgres\"} 1"), scraped);
            assertTrue(scraped.contains("label_prod=\"true\""), scraped);
            assertTrue(!scraped.contains(TestApi.MONITOR_PASSWORD), "the password must never be exposed");

            assertEquals(204 / 100, http.delete("/api/servers/" + id, op, null).status() / 100);
            String afterDelete = probe(server.port(), targetId);
            assertTrue(afterDelete.startsWith("404\n"), "a deleted server is no longer a target: " + afterDelete);
        }
    }
}
