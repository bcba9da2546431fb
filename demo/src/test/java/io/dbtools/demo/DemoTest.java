package io.dbtools.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String metrics(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double committed(String text) {
        Matcher m = Pattern.compile("dbtools_postgres_transactions_committed_total\\{[^}]*datname=\"shop\"[^}]*} (\\S+)").matcher(text);
        assertTrue(m.find(), "no commit counter for database shop in:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void the_demo_shows_real_changing_metrics_and_stops_everything_it_started() throws Exception {
        int pgPort;
        int exporterPort;
        int apiPort;
        try (DemoMain.Demo demo = DemoMain.Demo.start(0, 0, 0)) {
            pgPort = demo.postgresPort();
            exporterPort = demo.exporterPort();
            apiPort = demo.apiPort();
            String sd = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/sd/targets"))
                    .header("Authorization", "Bearer " + demo.adminToken()).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(sd.contains("\"__param_target\":\"" + demo.targetId() + "\""), "onboarded through the API: " + sd);
            String first = metrics(exporterPort);
            assertTrue(first.contains("dbtools_up{tenant=\"demo\",server=\"demo-pg\",engine=\"postgres\"} 1"), first);
            Thread.sleep(1500);
            String second = metrics(exporterPort);
            assertTrue(committed(second) > committed(first), "the workload should commit between two scrapes");
        }
        assertTrue(!reachable(pgPort), "PostgreSQL still listening after the demo stopped");
        assertTrue(!reachable(exporterPort), "exporter still listening after the demo stopped");
        assertTrue(!reachable(apiPort), "control API still listening after the demo stopped");
    }

    private static boolean reachable(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
