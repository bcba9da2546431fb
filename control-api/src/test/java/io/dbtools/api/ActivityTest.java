package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.auth.Principal;
import io.dbtools.api.db.Db;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.web.Json;
import io.dbtools.api.web.Paging;
import io.dbtools.tenants.testing.TestDb;
import io.dbtools.exporter.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityTest {

    private final Http http = TestApi.http();
    private final String slug = TestApi.newTenant("act");
    private final String admin = TestApi.token(slug, "tenant-admin");

    @Test
    void every_change_is_logged_with_action_entity_and_actor() {
        long id = http.post("/api/servers", admin, null, TestApi.pgServer("logged", null)).json().get("server").get("id").asLong();
        http.delete("/api/servers/" + id, admin, null);
        var page = http.get("/api/activity?entityType=server", admin, null).json();
        assertEquals(2, page.get("total").asInt());
        var latest = page.get("items").get(0);
        assertEquals("server.delete", latest.get("action").asText());
        assertEquals(Long.toString(id), latest.get("entityId").asText());
        assertEquals("logged", latest.get("entityName").asText());
        assertTrue(latest.get("actor").asText().startsWith("tenant-admin of " + slug), latest.get("actor").asText());
        assertEquals("server.create", page.get("items").get(1).get("action").asText());
        assertEquals("tenant.create", http.get("/api/activity?action=tenant.create", admin, null).json().get("items").get(0).get("action").asText());
    }

    @Test
    void activity_filters_by_text_and_date_and_pages() {
        for (int i = 0; i < 5; i++) {
            http.post("/api/groups", admin, null, "{\"name\":\"g" + i + "\"}");
        }
        assertEquals(1, http.get("/api/activity?q=g3", admin, null).json().get("total").asInt());
        var p = http.get("/api/activity?action=group.create&size=2&page=3", admin, null).json();
        assertEquals(5, p.get("total").asInt());
        assertEquals(1, p.get("items").size());
        String future = Instant.now().plus(Duration.ofDays(1)).toString();
        assertEquals(0, http.get("/api/activity?from=" + future, admin, null).json().get("total").asInt());
    }

    @Test
    void csv_export_has_a_header_and_one_quoted_row_per_entry() {
        http.post("/api/servers", admin, null, TestApi.pgServer("csv-server", null));
        var r = http.get("/api/activity/export.csv?action=server.create", admin, null);
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/csv"));
        String[] lines = r.body().split("\r\n");
        assertEquals("id,at,actor,action,entity_type,entity_id,entity_name,details", lines[0]);
        assertEquals(2, lines.length);
        // the details JSON has commas and quotes: one quoted cell with doubled quotes
        assertTrue(lines[1].contains(",csv-server,\"{\"\""), lines[1]);
        assertTrue(lines[1].contains("\"\"engine\"\":\"\"postgres\"\""), lines[1]);
    }

    @Test
    void retention_removes_entries_older_than_the_setting() {
        var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
        var log = new ActivityLog(clock, Json.mapper());
        var db = new Db(TestDb.platform().system());
        String marker = "retention-" + slug;
        log.record(db, Principal.system(), "test.old", "test", null, marker, Map.of());
        clock.advance(Duration.ofDays(10));
        log.record(db, Principal.system(), "test.new", "test", null, marker, Map.of());
        clock.advance(Duration.ofDays(5));
        log.purge(db, 7);
        var left = log.search(db, new ActivityLog.Filter(null, "test", null, null, null, marker), new Paging(1, 10));
        assertEquals(1, left.total());
        assertEquals("test.new", left.items().get(0).action());
    }

    @Test
    void the_retention_setting_defaults_to_90_days_and_admins_can_change_it() {
        assertEquals("90", http.get("/api/settings", admin, null).json().get("activity_retention_days").asText());
        var r = http.put("/api/settings", admin, null, "{\"activity_retention_days\":30}");
        assertEquals("30", r.json().get("activity_retention_days").asText());
        assertEquals("activity_retention_days", http.put("/api/settings", admin, null, "{\"activity_retention_days\":0}").errorField());
        assertEquals("retention", http.put("/api/settings", admin, null, "{\"retention\":5}").errorField());
    }

    @Test
    void tenant_lifecycle_and_tokens_are_in_the_system_log_for_super_admins() {
        var r = http.get("/api/system/activity?entityType=tenant&q=" + slug, TestApi.superToken(), null);
        assertEquals("tenant.create", r.json().get("items").get(0).get("action").asText());
        assertEquals(403, http.get("/api/system/activity", admin, null).status());
    }
}
