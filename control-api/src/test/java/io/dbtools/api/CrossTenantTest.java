package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every tenant-scoped route, called with a token of tenant A against tenant B — by header, or by
 * B's resource ids — answers 403 or 404 and never shows B's data.
 */
class CrossTenantTest {

    private static final Http http = TestApi.http();
    private static String a;
    private static String b;
    private static String adminA;
    private static long serverB;
    private static long groupB;
    private static long labelB;
    private static long alertB;
    private static long ruleB;
    private static final String SECRET_NAME = "b-secret-server";

    @BeforeAll
    static void two_tenants_with_data() {
        a = TestApi.newTenant("x-a");
        b = TestApi.newTenant("x-b");
        adminA = TestApi.token(a, "tenant-admin");
        String adminB = TestApi.token(b, "tenant-admin");
        // Ids are per tenant database; B gets a head start so its ids do not exist in A at all.
        for (int i = 0; i < 3; i++) {
            http.post("/api/servers", adminB, null, TestApi.pgServer("b-filler-" + i, "\"labels\":[\"b-filler-" + i + "\"]"));
            http.post("/api/groups", adminB, null, "{\"name\":\"b-filler-" + i + "\"}");
        }
        serverB = http.post("/api/servers", adminB, null, TestApi.pgServer(SECRET_NAME, "\"labels\":[\"b-only\"]"))
                .json().get("server").get("id").asLong();
        groupB = http.post("/api/groups", adminB, null, "{\"name\":\"b-group\"}").json().get("id").asLong();
        labelB = http.post("/api/labels", adminB, null, "{\"name\":\"b-label\"}").json().get("id").asLong();
        // B's alerts (filed by the webhook) and rules beyond the two defaults every tenant has
        for (int i = 0; i < 3; i++) {
            http.post("/api/alertmanager/webhook", TestApi.superToken(), null, io.dbtools.api.testing.Webhooks.body(
                    io.dbtools.api.testing.Webhooks.TestAlert.firing("b0000000000000" + i + "0", "2026-12-01T10:00:00Z",
                            io.dbtools.api.testing.Webhooks.labels(b, "DbToolsCpuHigh", SECRET_NAME, "warning"))));
            ruleB = http.post("/api/alert-rules", adminB, null, "{\"name\":\"BOnly" + i + "\",\"metric\":\"dbtools_up\",\"operator\":\"lt\","
                    + "\"threshold\":1,\"for\":\"1m\",\"severity\":\"info\"}").json().get("rule").get("id").asLong();
        }
        alertB = http.get("/api/alerts", adminB, null).json().get("items").get(0).get("id").asLong();
        // tenant A gets an object of each kind too, so B's ids could never be A's by accident
        http.post("/api/servers", adminA, null, TestApi.pgServer("a-server", null));
    }

    private static String body(String method, String path) {
        if (method.equals("GET") || method.equals("DELETE")) {
            return null;
        }
        if (path.startsWith("/api/servers")) {
            return TestApi.pgServer("hijack", null);
        }
        if (path.contains("/servers")) {
            return "{\"serverIds\":[" + serverB + "]}";
        }
        if (path.startsWith("/api/settings")) {
            return "{\"activity_retention_days\":1}";
        }
        if (path.endsWith("/acknowledge")) {
            return "{\"comment\":\"hijack\",\"duration\":\"1h\"}";
        }
        if (path.startsWith("/api/alert-rules") && !path.endsWith("/preview")) {
            return "{\"name\":\"Hijack\",\"metric\":\"dbtools_up\",\"operator\":\"lt\",\"threshold\":1,\"for\":\"1m\",\"severity\":\"info\"}";
        }
        return "{\"name\":\"hijack\"}";
    }

    private static List<ApiApp.Route> tenantRoutes() {
        List<ApiApp.Route> out = new ArrayList<>();
        for (ApiApp.Route r : TestApi.app().routes()) {
            if (r.access().stream().anyMatch(x -> x.startsWith("TENANT_"))) {
                out.add(r);
            }
        }
        assertTrue(out.size() >= 15, "found " + out);
        return out;
    }

    private static String withIds(String path) {
        return path.replace("/api/servers/{id}", "/api/servers/" + serverB)
                .replace("/api/groups/{id}", "/api/groups/" + groupB)
                .replace("/api/labels/{id}", "/api/labels/" + labelB)
                .replace("/api/alerts/{id}", "/api/alerts/" + alertB)
                .replace("/api/alert-rules/{id}", "/api/alert-rules/" + ruleB);
    }

    @Test
    void naming_another_tenant_in_the_header_is_403_on_every_tenant_route() {
        for (ApiApp.Route r : tenantRoutes()) {
            String path = withIds(r.path());
            var resp = http.send(r.method(), path, adminA, b, body(r.method(), path));
            assertTrue(resp.status() == 403, r + " gave " + resp.status() + ": " + resp.body());
            assertFalse(resp.body().contains(SECRET_NAME));
        }
    }

    @Test
    void another_tenants_ids_are_404_on_every_route_that_takes_an_id() {
        int checked = 0;
        for (ApiApp.Route r : tenantRoutes()) {
            if (!r.path().contains("{id}")) {
                continue;
            }
            String path = withIds(r.path());
            var resp = http.send(r.method(), path, adminA, null, body(r.method(), path));
            assertTrue(resp.status() == 404, r + " gave " + resp.status() + ": " + resp.body());
            assertFalse(resp.body().contains(SECRET_NAME));
            checked++;
        }
        assertTrue(checked >= 9, "checked " + checked);
    }

    @Test
    void listings_and_exports_of_tenant_a_never_contain_tenant_b_data() {
        for (String path : List.of("/api/servers", "/api/groups", "/api/labels", "/api/activity", "/api/activity/export.csv",
                "/api/sd/targets", "/api/servers?q=b-secret", "/api/alerts?state=all", "/api/alerts?server=" + SECRET_NAME,
                "/api/alert-rules")) {
            var resp = http.get(path, adminA, null);
            assertTrue(resp.status() == 200, path + " " + resp.status());
            assertFalse(resp.body().contains(SECRET_NAME), path);
            assertFalse(resp.body().contains("b-only"), path);
            assertFalse(resp.body().contains("b-group"), path);
            assertFalse(resp.body().contains("BOnly"), path);
        }
    }

    @Test
    void adding_another_tenants_server_to_a_group_is_refused() {
        long groupA = http.post("/api/groups", adminA, null, "{\"name\":\"a-group\"}").json().get("id").asLong();
        var resp = http.post("/api/groups/" + groupA + "/servers", adminA, null, "{\"serverIds\":[" + serverB + "]}");
        assertTrue(resp.status() == 400 || resp.status() == 404, resp.body());
    }
}
