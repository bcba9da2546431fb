package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.auth.AdminBootstrap;
import io.dbtools.api.auth.TokenStore;
import io.dbtools.api.db.Db;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.tenants.testing.TestDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class AuthTest {

    private final Http http = TestApi.http();
    private final String su = TestApi.superToken();

    @Test
    void a_missing_or_unknown_token_is_401() {
        assertEquals(401, http.get("/api/servers", null, "x").status());
        assertEquals(401, http.get("/api/servers", "dbt_not-a-real-token", "x").status());
        assertEquals(401, http.get("/api/tenants", "garbage", null).status());
    }

    @Test
    void public_routes_need_no_token() {
        assertEquals(200, http.get("/health", null, null).status());
        assertEquals(200, http.get("/api/openapi.json", null, null).status());
        assertEquals(200, http.get("/metrics", null, null).status());
    }

    @Test
    void a_super_admin_must_name_the_tenant_with_the_header() {
        var missing = http.get("/api/servers", su, null);
        assertEquals(400, missing.status());
        assertEquals("X-Tenant-Slug", missing.errorField());
        assertEquals(404, http.get("/api/servers", su, "no-such-tenant").status());
        String slug = TestApi.newTenant("auth-hdr");
        assertEquals(200, http.get("/api/servers", su, slug).status());
    }

    @Test
    void a_tenant_token_naming_another_tenant_is_403() {
        String a = TestApi.newTenant("auth-a");
        String b = TestApi.newTenant("auth-b");
        String viewerA = TestApi.token(a, "viewer");
        assertEquals(200, http.get("/api/servers", viewerA, a).status());
        assertEquals(403, http.get("/api/servers", viewerA, b).status());
    }

    @Test
    void a_tenant_admin_manages_its_own_tokens_but_cannot_mint_super_admins_or_foreign_tokens() {
        String slug = TestApi.newTenant("auth-tok");
        String other = TestApi.newTenant("auth-tok2");
        String admin = TestApi.token(slug, "tenant-admin");
        var created = http.post("/api/tokens", admin, null, "{\"name\":\"ci\",\"role\":\"operator\"}");
        assertEquals(201, created.status(), created.body());
        String opToken = created.json().get("value").asText();
        assertEquals(slug, created.json().get("token").get("tenantSlug").asText());
        assertEquals(200, http.get("/api/servers", opToken, null).status());

        assertEquals(403, http.post("/api/tokens", admin, null, "{\"name\":\"x\",\"role\":\"super-admin\"}").status());
        assertEquals(403, http.post("/api/tokens", admin, null, "{\"name\":\"x\",\"role\":\"viewer\",\"tenant\":\"" + other + "\"}").status());
        var list = http.get("/api/tokens", admin, null);
        assertFalse(list.body().contains(other), "a tenant-admin sees only its tenant's tokens");
        assertFalse(list.body().contains(opToken));
        assertFalse(list.body().contains("hash"));

        long id = created.json().get("token").get("id").asLong();
        assertEquals(204, http.delete("/api/tokens/" + id, admin, null).status());
        assertEquals(401, http.get("/api/servers", opToken, null).status());
    }

    @Test
    void operators_and_viewers_cannot_manage_tokens_or_settings() {
        String slug = TestApi.newTenant("auth-ops");
        String op = TestApi.token(slug, "operator");
        assertEquals(403, http.get("/api/tokens", op, null).status());
        assertEquals(403, http.put("/api/settings", op, null, "{\"activity_retention_days\":30}").status());
        assertEquals(200, http.get("/api/settings", op, null).status());
    }

    @Test
    void tokens_are_stored_only_as_sha256_hashes() throws Exception {
        String slug = TestApi.newTenant("auth-hash");
        String token = TestApi.token(slug, "viewer");
        try (var c = TestDb.superuser("dbtools_system"); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM api_tokens WHERE token_hash = encode(sha256(convert_to('" + token
                     + "', 'UTF8')), 'hex')")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
        try (var c = TestDb.superuser("dbtools_system"); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM api_tokens t WHERE t::text LIKE '%" + token.substring(4) + "%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void the_first_super_admin_token_is_printed_once_and_works() throws Exception {
        // A fresh system database of its own, so "first start" really is the first.
        String db = "boot_" + TestDb.uniqueSlug("b").replace('-', '_');
        try (var c = TestDb.superuser("postgres"); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
        }
        try (var pool = io.dbtools.tenants.Databases.pool("boot", TestDb.server().url(db), "postgres", null, 2)) {
            io.dbtools.tenants.Migrations.system(pool);
            var store = new TokenStore(new Db(pool), Clock.systemUTC(), new SecureRandom());
            var out = new ByteArrayOutputStream();
            AdminBootstrap.run(store, null, new PrintStream(out, true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            var token = java.util.regex.Pattern.compile("dbt_[A-Za-z0-9_-]{43}").matcher(printed);
            assertTrue(token.find(), printed);
            assertEquals("super-admin", store.authenticate(token.group()).orElseThrow().role().label());

            var again = new ByteArrayOutputStream();
            AdminBootstrap.run(store, null, new PrintStream(again, true, StandardCharsets.UTF_8));
            assertEquals("", again.toString(StandardCharsets.UTF_8), "printed only at the first start");
        }
    }

    @Test
    void DBTOOLS_ADMIN_TOKEN_is_accepted_once_stored_and_a_weak_one_is_refused() {
        var store = TestApi.app().tokens();
        String chosen = "dbt_" + "k".repeat(40);
        AdminBootstrap.run(store, chosen, new PrintStream(new ByteArrayOutputStream()));
        AdminBootstrap.run(store, chosen, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(200, http.get("/api/tenants", chosen, null).status());
        assertEquals(1, store.list(null).stream().filter(t -> t.name().equals("admin (DBTOOLS_ADMIN_TOKEN)")).count());
        assertThrows(IllegalArgumentException.class, () -> AdminBootstrap.run(store, "short", System.out));
    }
}
