package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.testing.Webhooks;
import io.dbtools.api.testing.Webhooks.TestAlert;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/alertmanager/webhook: who may call it, idempotency, tenant filing, validation; GET /api/alerts filters. */
class AlertWebhookTest {

    private static final Http http = TestApi.http();
    private static String am;
    private static String tenant;
    private static String viewer;

    @BeforeAll
    static void setUp() {
        am = Webhooks.alertmanagerToken();
        tenant = TestApi.newTenant("hook");
        viewer = TestApi.token(tenant, "viewer");
    }

    private static Http.Response hook(String token, TestAlert... alerts) {
        return http.post("/api/alertmanager/webhook", token, null, Webhooks.body(alerts));
    }

    private static JsonNode alerts(String query) {
        var r = http.get("/api/alerts" + query, viewer, null);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<String> activity(String action) {
        List<String> out = new ArrayList<>();
        http.get("/api/activity?action=" + action + "&size=500", viewer, null).json().get("items")
                .forEach(e -> out.add(e.get("entityId").asText()));
        return out;
    }

    @Test
    void only_alertmanager_and_super_admin_tokens_may_post_and_the_alertmanager_token_reads_nothing() {
        var a = TestAlert.firing("f000000000000001", "2026-12-01T10:00:00Z", Webhooks.labels(tenant, "DbToolsCpuHigh", "db-auth", "warning"));
        assertEquals(403, hook(viewer, a).status());
        assertEquals(403, hook(TestApi.token(tenant, "tenant-admin"), a).status());
        assertEquals(401, hook(null, a).status());
        assertEquals(200, hook(am, a).status());
        assertEquals(200, hook(TestApi.superToken(), a).status());
        assertEquals(403, http.get("/api/alerts", am, tenant).status());
        assertEquals(403, http.get("/api/servers", am, tenant).status());
        // only a super-admin mints one, and it is never bound to a tenant
        String admin = TestApi.token(tenant, "tenant-admin");
        assertEquals(403, http.post("/api/tokens", admin, null, "{\"name\":\"am\",\"role\":\"alertmanager\"}").status());
        var bound = http.post("/api/tokens", TestApi.superToken(), null, "{\"name\":\"am\",\"role\":\"alertmanager\",\"tenant\":\"" + tenant + "\"}");
        assertEquals(400, bound.status());
        assertEquals("tenant", bound.errorField());
    }

    @Test
    void the_same_notification_twice_gives_the_same_rows_and_one_event_per_real_change() {
        var labels = Webhooks.labels(tenant, "DbToolsBlockedSessions", "db-idem", "critical");
        var firing = TestAlert.firing("a1b2c3d4e5f60001", "2026-12-01T11:00:00.123456789Z", labels);
        var first = hook(am, firing);
        assertEquals(200, first.status(), first.body());
        assertEquals(1, first.json().get("changes").asInt());
        JsonNode list = alerts("?server=db-idem");
        assertEquals(1, list.get("total").asInt());
        long id = list.get("items").get(0).get("id").asLong();
        JsonNode before = http.get("/api/alerts/" + id, viewer, null).json();

        var again = hook(am, firing);
        assertEquals(0, again.json().get("changes").asInt());
        JsonNode after = http.get("/api/alerts/" + id, viewer, null).json();
        assertEquals(before, after, "a retried notification changes nothing, not even updatedAt");
        assertEquals(1, after.get("events").size());
        assertEquals("firing", after.get("status").asText());
        assertEquals("critical", after.get("severity").asText());
        assertEquals("db-idem", after.get("server").asText());
        assertEquals("DbToolsBlockedSessions", after.get("alertname").asText());
        assertEquals(tenant, after.get("labels").get("tenant").asText());
        assertEquals("DbToolsBlockedSessions on db-idem", after.get("annotations").get("summary").asText());
        assertEquals("2026-12-01T11:00:00.123456Z", after.get("startsAt").asText(), "kept to the microseconds PostgreSQL stores");
        assertTrue(after.get("endsAt").isNull(), "Go's zero time is no end");
        assertTrue(after.get("acknowledgement").isNull());
        assertTrue(after.has("tenant") == false, "tenant appears on platform alerts only");

        var resolved = firing.resolved("2026-12-01T11:20:00Z");
        assertEquals(1, hook(am, resolved).json().get("changes").asInt());
        assertEquals(0, hook(am, resolved).json().get("changes").asInt());
        // a late retry of the firing notification does not bring a resolved occurrence back
        assertEquals(0, hook(am, firing).json().get("changes").asInt());
        JsonNode done = http.get("/api/alerts/" + id, viewer, null).json();
        assertEquals("resolved", done.get("status").asText());
        assertEquals("2026-12-01T11:20:00Z", done.get("endsAt").asText());
        assertEquals(List.of("firing", "resolved"), kinds(done));
        assertEquals(1, activity("alert.firing").stream().filter(e -> e.equals(Long.toString(id))).count());
        assertEquals(1, activity("alert.resolved").stream().filter(e -> e.equals(Long.toString(id))).count());
        assertEquals(0, alerts("?server=db-idem").get("total").asInt(), "default state is active");
        assertEquals(1, alerts("?server=db-idem&state=resolved").get("total").asInt());

        // the same label set firing again is a new occurrence
        hook(am, TestAlert.firing("a1b2c3d4e5f60001", "2026-12-01T12:00:00Z", labels));
        assertEquals(2, alerts("?server=db-idem&state=all").get("total").asInt());
        assertEquals(1, alerts("?server=db-idem").get("total").asInt());
    }

    @Test
    void a_new_occurrence_resolves_an_older_one_whose_resolution_was_missed() {
        var labels = Webhooks.labels(tenant, "DbToolsReplicationLag", "db-missed", "warning");
        hook(am, TestAlert.firing("feedbeef00000001", "2026-12-01T08:00:00Z", labels));
        hook(am, TestAlert.firing("feedbeef00000001", "2026-12-01T09:00:00Z", labels));
        JsonNode all = alerts("?server=db-missed&state=all");
        assertEquals(2, all.get("total").asInt());
        JsonNode older = all.get("items").get(1);
        assertEquals("resolved", older.get("status").asText());
        assertEquals("2026-12-01T09:00:00Z", older.get("endsAt").asText());
        assertEquals("firing", all.get("items").get(0).get("status").asText());
    }

    @Test
    void alerts_of_no_known_tenant_are_filed_at_platform_level_for_super_admins() {
        var unknown = TestAlert.firing("0000aaaa0000bbbb", "2026-12-01T10:00:00Z",
                Webhooks.labels("no-such-tenant-x", "DbToolsServerDown", "ghost", "critical"));
        var none = TestAlert.firing("0000aaaa0000cccc", "2026-12-01T10:00:00Z",
                Webhooks.labels(null, "DbToolsExporterDown", "exporter", "critical"));
        var mine = TestAlert.firing("0000aaaa0000dddd", "2026-12-01T10:00:00Z",
                Webhooks.labels(tenant, "DbToolsServerDown", "db-mixed", "critical"));
        var r = hook(am, unknown, none, mine);
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().get("platform").asInt());
        assertEquals(1, r.json().get("tenants").asInt());

        JsonNode platform = http.get("/api/system/alerts?alertname=DbToolsServerDown", TestApi.superToken(), null).json();
        assertEquals(1, platform.get("total").asInt());
        assertEquals("no-such-tenant-x", platform.get("items").get(0).get("tenant").asText());
        long pid = platform.get("items").get(0).get("id").asLong();
        JsonNode one = http.get("/api/system/alerts/" + pid, TestApi.superToken(), null).json();
        assertEquals(1, one.get("events").size());
        JsonNode exporter = http.get("/api/system/alerts?alertname=DbToolsExporterDown", TestApi.superToken(), null).json();
        assertTrue(!exporter.get("items").get(0).has("tenant"), "no tenant label: none shown");
        assertEquals(403, http.get("/api/system/alerts", viewer, null).status());
        assertEquals(403, http.get("/api/system/alerts", TestApi.token(tenant, "tenant-admin"), null).status());

        assertEquals(0, alerts("?server=ghost&state=all").get("total").asInt());
        assertEquals(1, alerts("?server=db-mixed").get("total").asInt());
    }

    @Test
    void a_malformed_notification_is_400_naming_the_field_and_stores_nothing() {
        long before = alerts("?state=all").get("total").asInt();
        var good = TestAlert.firing("9999000011112222", "2026-12-01T10:00:00Z", Webhooks.labels(tenant, "DbToolsCpuHigh", "db-bad", "warning"));
        String body = Webhooks.body(good);
        check(body.replace("\"version\":\"4\"", "\"version\":\"3\""), "version");
        check(body.replace("\"alerts\":[", "\"alerts\":{\"x\":[").replace("],\"groupLabels\"", "]},\"groupLabels\""), "alerts");
        check(body.replace("\"status\":\"firing\",\"labels\"", "\"status\":\"burning\",\"labels\""), "alerts[0].status");
        check(body.replace("\"startsAt\":\"2026-12-01T10:00:00Z\"", "\"startsAt\":\"yesterday\""), "alerts[0].startsAt");
        check(body.replace("\"alertname\":\"DbToolsCpuHigh\",", ""), "alerts[0].labels.alertname");
        check(body.replace("\"fingerprint\":\"9999000011112222\"", "\"fingerprint\":7"), "alerts[0].fingerprint");
        check(body.replace("\"server\":\"db-bad\"", "\"server\":5"), "alerts[0].labels.server");
        check("{\"version\":", "body");
        check(body.replace("\"server\":\"db-bad\"", "\"server\":\"db\\u0000bad\""), "alerts[0].labels.server");
        // one bad alert among good ones: nothing of the notification is stored
        var second = TestAlert.firing("9999000011113333", "bad-time", Webhooks.labels(tenant, "DbToolsCpuHigh", "db-bad2", "warning"));
        var r = hook(am, good, second);
        assertEquals(400, r.status());
        assertEquals("alerts[1].startsAt", r.errorField());
        assertEquals(before, alerts("?state=all").get("total").asInt());
        assertEquals(400, http.get("/api/alerts?state=bogus", viewer, null).status());
        assertEquals("state", http.get("/api/alerts?state=bogus", viewer, null).errorField());
    }

    @Test
    void filters_by_severity_server_and_alertname_and_pages() {
        for (int i = 0; i < 3; i++) {
            hook(am, TestAlert.firing("cafe00000000000" + i, "2026-12-02T10:0" + i + ":00Z",
                    Webhooks.labels(tenant, "DbToolsConnectionsNearMax", "db-filter", i == 0 ? "critical" : "warning")));
        }
        assertEquals(3, alerts("?server=db-filter").get("total").asInt());
        assertEquals(1, alerts("?server=db-filter&severity=critical").get("total").asInt());
        assertEquals(2, alerts("?server=db-filter&severity=warning").get("total").asInt());
        JsonNode page = alerts("?alertname=DbToolsConnectionsNearMax&size=2&page=2");
        assertEquals(3, page.get("total").asInt());
        assertEquals(1, page.get("items").size());
        assertEquals("2026-12-02T10:00:00Z", page.get("items").get(0).get("startsAt").asText(), "newest first");
        assertNull(page.get("items").get(0).get("acknowledgement").textValue());
    }

    private static void check(String body, String field) {
        var r = http.post("/api/alertmanager/webhook", am, null, body);
        assertEquals(400, r.status(), body + " → " + r.body());
        assertEquals(field, r.errorField(), r.body());
    }

    private static List<String> kinds(JsonNode detail) {
        List<String> out = new ArrayList<>();
        detail.get("events").forEach(e -> out.add(e.get("kind").asText()));
        return out;
    }
}
