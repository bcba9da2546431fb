package io.dbtools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Does through the control API's REST interface what an operator would: create the demo tenant,
 * an exporter token for it, and onboard the demo PostgreSQL with a validated connection test.
 */
final class DemoOnboarding {

    /** What onboarding produced: the exporter's token and the server's SD target id. */
    record Result(String exporterToken, String targetId) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final URI api;
    private final String adminToken;

    DemoOnboarding(URI api, String adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    Result run(String tenant, int pgPort, String monitorUser, String monitorPassword) throws IOException, InterruptedException {
        post("/api/tenants", null, json.createObjectNode().put("slug", tenant).put("name", "Demo tenant"));
        String exporterToken = post("/api/tokens", null,
                json.createObjectNode().put("name", "demo exporter").put("role", "exporter").put("tenant", tenant))
                .get("value").asText();
        ObjectNode server = json.createObjectNode()
                .put("name", "demo-pg").put("engine", "postgres").put("host", "localhost").put("port", pgPort)
                .put("database", "shop").put("username", monitorUser).put("password", monitorPassword).put("validate", true);
        server.putArray("labels").add("demo");
        long id = post("/api/servers", tenant, server).get("server").get("id").asLong();
        return new Result(exporterToken, tenant + "." + id);
    }

    private JsonNode post(String path, String tenant, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (tenant != null) b.header("X-Tenant-Slug", tenant);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }
}
