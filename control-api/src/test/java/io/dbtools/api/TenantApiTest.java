package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.tenants.Slug;
import io.dbtools.tenants.testing.TestDb;
import org.junit.jupiter.api.Test;

class TenantApiTest {

    private final Http http = TestApi.http();
    private final String su = TestApi.superToken();

    @Test
    void POST_tenants_gives_201_and_creates_the_tenant_database() throws Exception {
        String slug = TestDb.uniqueSlug("api-new");
        var r = http.post("/api/tenants", su, null, "{\"slug\":\"" + slug + "\",\"name\":\"New Co\"}");
        assertEquals(201, r.status(), r.body());
        assertEquals(slug, r.json().get("slug").asText());
        assertEquals("active", r.json().get("status").asText());
        assertEquals(0, r.json().get("serverCount").asInt());
        assertTrue(r.json().get("databaseSizeBytes").asLong() > 0);
        assertTrue(TestDb.exists("SELECT 1 FROM pg_database WHERE datname = '" + new Slug(slug).databaseName() + "'"));
    }

    @Test
    void POST_tenants_gives_409_for_a_duplicate_slug() {
        String slug = TestApi.newTenant("api-dup");
        var r = http.post("/api/tenants", su, null, "{\"slug\":\"" + slug + "\",\"name\":\"Again\"}");
        assertEquals(409, r.status());
        assertEquals("slug", r.errorField());
    }

    @Test
    void POST_tenants_gives_400_naming_slug_or_name() {
        var bad = http.post("/api/tenants", su, null, "{\"slug\":\"Bad_Slug\",\"name\":\"X\"}");
        assertEquals(400, bad.status());
        assertEquals("slug", bad.errorField());
        var noName = http.post("/api/tenants", su, null, "{\"slug\":\"" + TestDb.uniqueSlug("noname") + "\",\"name\":\"  \"}");
        assertEquals(400, noName.status());
        assertEquals("name", noName.errorField());
    }

    @Test
    void GET_tenants_lists_server_count_size_and_status() {
        String slug = TestApi.newTenant("api-list");
        http.post("/api/servers", su, slug, TestApi.pgServer("one", null));
        var list = http.get("/api/tenants", su, null);
        assertEquals(200, list.status());
        var entry = findSlug(list, slug);
        assertEquals(1, entry.get("serverCount").asInt());
        assertEquals("active", entry.get("status").asText());
        assertTrue(entry.get("databaseSizeBytes").asLong() > 0);
        assertEquals(slug, http.get("/api/tenants/" + slug, su, null).json().get("slug").asText());
    }

    @Test
    void a_suspended_tenant_is_refused_with_403_until_activated() {
        String slug = TestApi.newTenant("api-susp");
        String viewer = TestApi.token(slug, "viewer");
        assertEquals(200, http.get("/api/servers", viewer, null).status());
        assertEquals("suspended", http.post("/api/tenants/" + slug + "/suspend", su, null, null).json().get("status").asText());
        assertEquals(403, http.get("/api/servers", viewer, null).status());
        assertEquals(403, http.get("/api/servers", su, slug).status());
        assertEquals(403, http.get("/api/tokens", TestApi.token(slug, "tenant-admin"), null).status());
        http.post("/api/tenants/" + slug + "/activate", su, null, null);
        assertEquals(200, http.get("/api/servers", viewer, null).status());
    }

    @Test
    void DELETE_tenant_is_soft_the_database_stays_and_the_tenant_disappears_from_the_api() throws Exception {
        String slug = TestApi.newTenant("api-del");
        assertEquals(200, http.delete("/api/tenants/" + slug, su, null).status());
        assertEquals(404, http.get("/api/servers", su, slug).status());
        assertTrue(findSlugOrNull(http.get("/api/tenants", su, null), slug) == null);
        assertEquals("deleted", findSlug(http.get("/api/tenants?includeDeleted=true", su, null), slug).get("status").asText());
        assertTrue(TestDb.exists("SELECT 1 FROM pg_database WHERE datname = '" + new Slug(slug).databaseName() + "'"));
    }

    @Test
    void tenant_routes_are_for_super_admins_only() {
        String slug = TestApi.newTenant("api-only");
        String admin = TestApi.token(slug, "tenant-admin");
        assertEquals(403, http.get("/api/tenants", admin, null).status());
        assertEquals(403, http.post("/api/tenants", admin, null, "{\"slug\":\"zzz-x\",\"name\":\"z\"}").status());
        assertFalse(http.get("/api/tenants", admin, null).body().contains(slug));
    }

    private static com.fasterxml.jackson.databind.JsonNode findSlug(Http.Response list, String slug) {
        var found = findSlugOrNull(list, slug);
        if (found == null) {
            throw new AssertionError(slug + " not in " + list.body());
        }
        return found;
    }

    private static com.fasterxml.jackson.databind.JsonNode findSlugOrNull(Http.Response list, String slug) {
        for (var t : list.json()) {
            if (t.get("slug").asText().equals(slug)) {
                return t;
            }
        }
        return null;
    }
}
