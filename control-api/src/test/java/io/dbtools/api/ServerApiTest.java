package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.tenants.Slug;
import io.dbtools.tenants.testing.TestDb;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ServerApiTest {

    private final Http http = TestApi.http();
    private final String slug = TestApi.newTenant("srv");
    private final String op = TestApi.token(slug, "operator");

    @Test
    void test_connection_reports_version_and_no_missing_grants_for_a_pg_monitor_role() {
        var r = http.post("/api/servers/test-connection", op, null, TestApi.pgServer("x", null));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("ok").asBoolean(), r.body());
        assertEquals("postgres", r.json().get("flavor").asText());
        assertTrue(r.json().get("version").asText().matches("\\d+\\.\\d+.*"), r.body());
        assertEquals(0, r.json().get("missingPermissions").size());
        assertEquals(0, http.get("/api/servers", op, null).json().get("total").asInt(), "test-connection saves nothing");
    }

    @Test
    void test_connection_names_pg_monitor_when_the_role_lacks_it() throws Exception {
        try (Connection c = TestDb.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'api_plain') THEN "
                    + "CREATE ROLE api_plain LOGIN PASSWORD 'plain-pass-1'; END IF; END $$");
        }
        var r = http.post("/api/servers/test-connection", op, null, "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":"
                + TestApi.pgPort() + ",\"database\":\"postgres\",\"username\":\"api_plain\",\"password\":\"plain-pass-1\"}");
        assertTrue(r.json().get("ok").asBoolean(), r.body());
        assertEquals("pg_monitor", r.json().get("missingPermissions").get(0).asText());
    }

    @Test
    void test_connection_classifies_a_wrong_password_and_never_echoes_it() {
        var r = http.post("/api/servers/test-connection", op, null, "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":"
                + TestApi.pgPort() + ",\"username\":\"" + TestApi.MONITOR_USER + "\",\"password\":\"Wrong-Pass-9931\"}");
        assertEquals(200, r.status());
        assertFalse(r.json().get("ok").asBoolean());
        assertEquals("authentication", r.json().get("kind").asText());
        assertFalse(r.body().contains("Wrong-Pass-9931"));
    }

    @Test
    void test_connection_to_a_closed_port_is_unreachable_within_the_limit() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        var r = http.post("/api/servers/test-connection", op, null, "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":"
                + port + ",\"username\":\"u\",\"password\":\"p\"}");
        assertEquals("unreachable", r.json().get("kind").asText(), r.body());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }

    @Test
    void a_server_that_accepts_but_never_answers_times_out_within_the_tenants_budget() throws Exception {
        String admin = TestApi.token(slug, "tenant-admin");
        assertEquals(200, http.put("/api/settings", admin, null, "{\"connection_test_timeout_seconds\":1}").status());
        try (ServerSocket silent = new ServerSocket(0)) {
            long start = System.nanoTime();
            var r = http.post("/api/servers/test-connection", op, null, "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":"
                    + silent.getLocalPort() + ",\"username\":\"u\",\"password\":\"p\"}");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals("timeout", r.json().get("kind").asText(), r.body());
            assertTrue(ms < 4_000, "took " + ms + " ms with a 1 s budget");
        }
    }

    @Test
    void an_engine_without_an_installed_plugin_fails_the_test_as_configuration() {
        var r = http.post("/api/servers/test-connection", op, null,
                "{\"engine\":\"mssql\",\"host\":\"sql1\",\"username\":\"u\",\"password\":\"p\"}");
        assertEquals("configuration", r.json().get("kind").asText());
        assertTrue(r.json().get("message").asText().contains("mssql"));
    }

    @Test
    void POST_servers_with_validate_stores_version_and_status_and_never_returns_the_password() {
        var r = http.post("/api/servers", op, null, TestApi.pgServer("pg-main", "\"validate\":true,\"labels\":[\"prod\"]"));
        assertEquals(201, r.status(), r.body());
        var server = r.json().get("server");
        assertEquals("ok", server.get("status").asText());
        assertFalse(server.get("version").asText().isEmpty());
        assertTrue(server.get("passwordSet").asBoolean());
        assertFalse(server.has("password"));
        assertFalse(r.body().contains(TestApi.MONITOR_PASSWORD));
        assertEquals(slug + "." + server.get("id").asLong(), server.get("targetId").asText());
        var got = http.get("/api/servers/" + server.get("id").asLong(), op, null);
        assertFalse(got.body().contains(TestApi.MONITOR_PASSWORD));
        assertEquals("prod", got.json().get("labels").get(0).get("name").asText());
    }

    @Test
    void POST_servers_with_validate_and_a_bad_password_gives_422_with_the_kind_and_saves_nothing() {
        var r = http.post("/api/servers", op, null, "{\"name\":\"bad\",\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":"
                + TestApi.pgPort() + ",\"username\":\"" + TestApi.MONITOR_USER + "\",\"password\":\"nope-nope\",\"validate\":true}");
        assertEquals(422, r.status(), r.body());
        assertEquals("authentication", r.json().get("connection").get("kind").asText());
        assertEquals(0, http.get("/api/servers", op, null).json().get("total").asInt());
    }

    @Test
    void the_stored_password_is_encrypted_at_rest() throws Exception {
        http.post("/api/servers", op, null, TestApi.pgServer("enc", null));
        try (Connection c = TestDb.superuser(new Slug(slug).databaseName()); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT password_enc, servers::text FROM servers WHERE name = 'enc'")) {
            assertTrue(rs.next());
            byte[] enc = rs.getBytes(1);
            assertTrue(enc.length > 12 + 16);
            assertFalse(new String(enc, StandardCharsets.ISO_8859_1).contains(TestApi.MONITOR_PASSWORD));
            assertFalse(rs.getString(2).contains(TestApi.MONITOR_PASSWORD));
        }
    }

    @Test
    void the_port_defaults_to_the_engine_plugins_port() {
        var pg = http.post("/api/servers", op, null, "{\"name\":\"p\",\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"x\"}");
        assertEquals(5432, pg.json().get("server").get("port").asInt());
        var crdb = http.post("/api/servers", op, null, "{\"name\":\"c\",\"engine\":\"cockroachdb\",\"host\":\"h\",\"username\":\"u\",\"password\":\"x\"}");
        assertEquals(26257, crdb.json().get("server").get("port").asInt());
        var mssql = http.post("/api/servers", op, null, "{\"name\":\"m\",\"engine\":\"mssql\",\"host\":\"h\",\"username\":\"u\",\"password\":\"x\"}");
        assertEquals(1433, mssql.json().get("server").get("port").asInt());
    }

    @Test
    void a_duplicate_name_in_the_same_tenant_gives_409_but_another_tenant_may_use_it() {
        assertEquals(201, http.post("/api/servers", op, null, TestApi.pgServer("same", null)).status());
        var dup = http.post("/api/servers", op, null, TestApi.pgServer("same", null));
        assertEquals(409, dup.status());
        assertEquals("name", dup.errorField());
        String other = TestApi.newTenant("srv-other");
        assertEquals(201, http.post("/api/servers", TestApi.superToken(), other, TestApi.pgServer("same", null)).status());
    }

    @Test
    void PUT_without_a_password_keeps_the_stored_one_and_a_secret_ref_replaces_it() {
        long id = http.post("/api/servers", op, null, TestApi.pgServer("keep", null)).json().get("server").get("id").asLong();
        var put = http.put("/api/servers/" + id, op, null, "{\"name\":\"keep\",\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":"
                + TestApi.pgPort() + ",\"username\":\"" + TestApi.MONITOR_USER + "\",\"validate\":true}");
        assertEquals(200, put.status(), put.body());
        assertTrue(put.json().get("connection").get("ok").asBoolean(), "the kept password still logs in");
        var ref = http.put("/api/servers/" + id, op, null, "{\"name\":\"keep\",\"engine\":\"postgres\",\"host\":\"127.0.0.1\","
                + "\"username\":\"u\",\"secretRef\":\"env:PG_PASSWORD\"}");
        assertFalse(ref.json().get("server").get("passwordSet").asBoolean());
        assertEquals("env:PG_PASSWORD", ref.json().get("server").get("secretRef").asText());
    }

    @Test
    void DELETE_removes_the_server_and_a_second_delete_is_404() {
        long id = http.post("/api/servers", op, null, TestApi.pgServer("gone", null)).json().get("server").get("id").asLong();
        assertEquals(204, http.delete("/api/servers/" + id, op, null).status());
        assertEquals(404, http.get("/api/servers/" + id, op, null).status());
        assertEquals(404, http.delete("/api/servers/" + id, op, null).status());
    }

    @Test
    void GET_servers_filters_by_engine_label_group_and_text_with_sorting_and_pages() {
        http.post("/api/servers", op, null, TestApi.pgServer("alpha", "\"labels\":[\"prod\",\"eu\"]"));
        http.post("/api/servers", op, null, TestApi.pgServer("bravo", "\"labels\":[\"prod\"]"));
        long charlie = http.post("/api/servers", op, null, "{\"name\":\"charlie\",\"engine\":\"mongodb\",\"host\":\"mongo.internal\","
                + "\"username\":\"u\",\"password\":\"x\"}").json().get("server").get("id").asLong();
        long group = http.post("/api/groups", op, null, "{\"name\":\"docs\"}").json().get("id").asLong();
        http.post("/api/groups/" + group + "/servers", op, null, "{\"serverIds\":[" + charlie + "]}");

        assertEquals(names("alpha", "bravo"), names(http.get("/api/servers?engine=postgres", op, null)));
        assertEquals(names("alpha", "bravo"), names(http.get("/api/servers?label=prod", op, null)));
        assertEquals(names("alpha"), names(http.get("/api/servers?label=prod&label=eu", op, null)));
        assertEquals(names("charlie"), names(http.get("/api/servers?group=docs", op, null)));
        assertEquals(names("charlie"), names(http.get("/api/servers?q=mongo", op, null)));
        assertEquals(names("charlie", "bravo", "alpha"), names(http.get("/api/servers?sort=-name", op, null)));
        var page2 = http.get("/api/servers?sort=name&size=2&page=2", op, null);
        assertEquals(names("charlie"), names(page2));
        assertEquals(3, page2.json().get("total").asInt());
        assertEquals("sort", http.get("/api/servers?sort=password", op, null).errorField());
    }

    @Test
    void a_viewer_may_read_but_not_change_servers() {
        String viewer = TestApi.token(slug, "viewer");
        assertEquals(200, http.get("/api/servers", viewer, null).status());
        assertEquals(403, http.post("/api/servers", viewer, null, TestApi.pgServer("v", null)).status());
        assertEquals(403, http.post("/api/servers/test-connection", viewer, null, TestApi.pgServer("v", null)).status());
    }

    private static java.util.List<String> names(String... names) {
        return java.util.List.of(names);
    }

    private static java.util.List<String> names(Http.Response r) {
        java.util.List<String> out = new java.util.ArrayList<>();
        r.json().get("items").forEach(n -> out.add(n.get("name").asText()));
        return out;
    }

    @Test
    void an_inline_secret_ref_is_refused_so_no_password_is_stored_in_plain_text() {
        var r = http.post("/api/servers", op, null, "{\"name\":\"i\",\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\","
                + "\"secretRef\":\"inline:hunter2\"}");
        assertEquals(400, r.status());
        assertEquals("secretRef", r.errorField());
        assertFalse(r.body().contains("hunter2"));
    }
}
