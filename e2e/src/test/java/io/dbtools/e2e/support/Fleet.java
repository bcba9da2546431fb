package io.dbtools.e2e.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbtools.postgres.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operator does through the control API's REST interface before anything is monitored: a
 * tenant, its tokens, its servers (a primary, its streaming standby, one that cannot be reached) and a
 * group. Nothing is written to the control API's database behind its back.
 */
public final class Fleet {

    public static final String TENANT = "acme";
    public static final String GROUP = "prod";
    public static final String PRIMARY = "orders-primary";
    public static final String STANDBY = "orders-standby";
    /** Onboarded without validation on a port nothing listens on: the fleet's broken member. */
    public static final String OFFLINE = "billing-offline";
    /** Listed in the standby's option {@code databases} but not there: a dropped database still configured. */
    public static final String DROPPED_DATABASE = "reporting";
    public static final String OPERATOR_TOKEN_NAME = "e2e operator";

    /**
     * @param alertmanagerToken empty when the control API does not know the {@code alertmanager} role yet
     */
    public record Onboarded(String exporterToken, String operatorToken, Optional<String> alertmanagerToken,
                            Optional<String> alertmanagerTokenError, Map<String, Long> serverIds) {}

    private Fleet() {}

    public static Onboarded onboard(JsonHttp admin, int primaryPort, int standbyPort, int closedPort) {
        ok(admin.post("/api/tenants", obj().put("slug", TENANT).put("name", "Acme Corp")), "create tenant");
        String exporter = token(admin, obj().put("name", "e2e exporter").put("role", "exporter").put("tenant", TENANT));
        String operator = token(admin, obj().put("name", OPERATOR_TOKEN_NAME).put("role", "operator").put("tenant", TENANT));
        // The alerts contract: an unbound token with role alertmanager, only for the webhook.
        JsonHttp.Response am = admin.post("/api/tokens", obj().put("name", "alertmanager").put("role", "alertmanager"));

        JsonHttp tenantAdmin = admin.as(admin.token(), TENANT);
        long primary = server(tenantAdmin, PRIMARY, primaryPort, true, Map.of());
        // Also monitors database "reporting", which no longer exists: its per-database collectors fail.
        long standby = server(tenantAdmin, STANDBY, standbyPort, true, Map.of("databases", DROPPED_DATABASE));
        long offline = server(tenantAdmin, OFFLINE, closedPort, false, Map.of());
        long group = ok(tenantAdmin.post("/api/groups", obj().put("name", GROUP).put("description", "production")), "create group")
                .json().path("id").asLong();
        ObjectNode members = obj();
        members.putArray("serverIds").add(primary).add(standby);
        ok(tenantAdmin.post("/api/groups/" + group + "/servers", members), "add servers to group");
        // Scheduled jobs with a first run each, so the job metrics (and the fleet dashboard's Jobs row) have data:
        // one that succeeds, and one on the server that is down, which fails.
        for (long server : List.of(primary, offline)) {
            ObjectNode job = obj().put("name", "collect facts " + server).put("type", "data_collection").put("serverId", server);
            job.putObject("schedule").put("type", "interval").put("intervalSeconds", 3600);
            long jobId = ok(tenantAdmin.post("/api/jobs", job), "create job").json().path("id").asLong();
            ok(tenantAdmin.post("/api/jobs/" + jobId + "/run", obj()), "run job");
        }
        return new Onboarded(exporter, operator,
                am.ok() ? Optional.of(am.json().path("value").asText()) : Optional.empty(),
                am.ok() ? Optional.empty() : Optional.of("POST /api/tokens role alertmanager answered " + am),
                Map.of(PRIMARY, primary, STANDBY, standby, OFFLINE, offline));
    }

    public static List<String> servers() {
        return List.of(PRIMARY, STANDBY, OFFLINE);
    }

    private static long server(JsonHttp api, String name, int port, boolean validate, Map<String, String> options) {
        ObjectNode s = obj().put("name", name).put("engine", "postgres").put("host", "127.0.0.1").put("port", port)
                .put("database", "app").put("username", TestPostgres.MONITOR_USER).put("password", TestPostgres.MONITOR_PASSWORD)
                .put("validate", validate);
        options.forEach(s.putObject("options")::put);
        return ok(api.post("/api/servers", s), "onboard " + name).json().path("server").path("id").asLong();
    }

    private static String token(JsonHttp admin, ObjectNode body) {
        return ok(admin.post("/api/tokens", body), "create token " + body.path("name").asText()).json().path("value").asText();
    }

    private static JsonHttp.Response ok(JsonHttp.Response r, String what) {
        assertTrue(r.ok(), what + ": " + r);
        return r;
    }

    private static ObjectNode obj() {
        return JsonHttp.JSON.createObjectNode();
    }
}
