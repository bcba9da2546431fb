package io.dbtools.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.rules.testing.Tool;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inhibition rules of alertmanager.yml, proved on a real Alertmanager (Debian's
 * prometheus-alertmanager) started with the committed file: alerts are posted to its API and the
 * API says which are suppressed.
 */
class AlertmanagerInhibitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static Process alertmanager;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("dbtools-alertmanager");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = URI.create("http://127.0.0.1:" + port);
        alertmanager = new ProcessBuilder(Tool.ALERTMANAGER.path().toString(),
                "--config.file=" + AlertmanagerConfigTest.config(), "--storage.path=" + data,
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(data.resolve("alertmanager.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!alertmanager.isAlive()) {
                fail("alertmanager exited: " + Files.readString(data.resolve("alertmanager.log")));
            }
            Thread.sleep(100);
        }
        fail("alertmanager not ready within 15 s: " + Files.readString(data.resolve("alertmanager.log")));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    private static String alert(String name, String severity, String tenant, String server) {
        return """
                {"labels":{"alertname":"%s","severity":"%s","tenant":"%s","server":"%s","engine":"postgres"}}"""
                .formatted(name, severity, tenant, server);
    }

    /** alertname/server/severity -> state (active or suppressed) of every alert Alertmanager holds. */
    private static Map<String, String> post(String... alerts) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", alerts) + "]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode all = JSON.readTree(HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v2/alerts")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        Map<String, String> states = new TreeMap<>();
        for (JsonNode a : all) {
            JsonNode l = a.path("labels");
            states.put(l.path("tenant").asText() + "/" + l.path("server").asText() + "/" + l.path("alertname").asText() + "/"
                    + l.path("severity").asText(), a.path("status").path("state").asText());
        }
        return states;
    }

    @Test
    void a_server_down_suppresses_that_servers_other_alerts_only_and_critical_suppresses_the_same_warning() throws Exception {
        Map<String, String> states = post(
                alert("DbToolsServerDown", "critical", "acme", "db1"),
                alert("DbToolsCpuHigh", "warning", "acme", "db1"),
                alert("DbToolsBlockedSessions", "critical", "acme", "db1"),
                // same server name in another tenant: not inhibited
                alert("DbToolsCpuHigh", "warning", "beta", "db1"),
                alert("DbToolsCpuHigh", "warning", "acme", "db2"),
                alert("DbToolsCpuHigh", "critical", "acme", "db2"),
                alert("DbToolsMemoryHigh", "warning", "acme", "db2"));
        assertEquals(Map.of(
                "acme/db1/DbToolsServerDown/critical", "active",
                "acme/db1/DbToolsCpuHigh/warning", "suppressed",
                "acme/db1/DbToolsBlockedSessions/critical", "suppressed",
                "beta/db1/DbToolsCpuHigh/warning", "active",
                "acme/db2/DbToolsCpuHigh/critical", "active",
                "acme/db2/DbToolsCpuHigh/warning", "suppressed",
                // a critical of another alert does not hide this warning
                "acme/db2/DbToolsMemoryHigh/warning", "active"), states);
    }
}
