package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SdTest {

    private static final Http http = TestApi.http();
    private static String slug;
    private static String other;
    private static String op;
    private static long firstId;

    @BeforeAll
    static void a_tenant_with_servers() {
        slug = TestApi.newTenant("sd");
        other = TestApi.newTenant("sd-other");
        op = TestApi.token(slug, "operator");
        firstId = http.post("/api/servers", op, null, TestApi.pgServer("pg-0", "\"labels\":[\"prod\"]")).json().get("server").get("id").asLong();
        for (int i = 1; i < 20; i++) {
            http.post("/api/servers", op, null, TestApi.pgServer("pg-" + i, null));
        }
        http.post("/api/servers", op, null, TestApi.pgServer("disabled", "\"enabled\":false"));
        http.post("/api/servers", TestApi.superToken(), other, TestApi.pgServer("elsewhere", null));
    }

    private static Set<String> ids(JsonNode groups) {
        Set<String> out = new HashSet<>();
        groups.forEach(g -> out.add(g.get("labels").get("__param_target").asText()));
        return out;
    }

    @Test
    void targets_are_in_http_sd_format_with_tenant_server_engine_and_a_stable_target_id() {
        var r = http.get("/api/sd/targets", op, null);
        assertEquals(200, r.status());
        assertEquals(20, r.json().size(), "enabled servers only");
        JsonNode first = r.json().get(0);
        assertEquals("exporter:9630", first.get("targets").get(0).asText());
        JsonNode labels = first.get("labels");
        assertEquals(slug, labels.get("tenant").asText());
        assertEquals("postgres", labels.get("engine").asText());
        assertTrue(labels.get("server").asText().startsWith("pg-"));
        assertTrue(ids(r.json()).contains(slug + "." + firstId));
        assertFalse(r.body().contains("elsewhere"));
        assertFalse(r.body().contains(TestApi.MONITOR_PASSWORD));
    }

    @Test
    void inventory_exposes_group_and_label_membership_as_info_metrics_for_the_tokens_tenant_only() {
        long group = http.post("/api/groups", op, null, "{\"name\":\"payments\"}").json().get("id").asLong();
        http.post("/api/groups/" + group + "/servers", op, null, "{\"serverIds\":[" + firstId + "]}");
        var r = http.get("/api/sd/inventory", op, null);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("# TYPE dbtools_server_group_info gauge"), r.body());
        assertTrue(r.body().contains("dbtools_server_group_info{group=\"payments\",server=\"pg-0\",tenant=\"" + slug + "\"} 1"), r.body());
        assertTrue(r.body().contains("dbtools_server_label_info{label=\"prod\",server=\"pg-0\",tenant=\"" + slug + "\"} 1"), r.body());
        assertFalse(r.body().contains("elsewhere"), "another tenant's servers leaked: " + r.body());
    }

    @Test
    void shards_partition_the_targets_without_overlap() {
        Set<String> all = ids(http.get("/api/sd/targets", op, null).json());
        Set<String> union = new HashSet<>();
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            Set<String> shard = ids(http.get("/api/sd/targets?shard=" + i + "&shards=3", op, null).json());
            assertTrue(shard.size() < all.size(), "shard " + i + " has every target");
            sum += shard.size();
            union.addAll(shard);
        }
        assertEquals(all, union);
        assertEquals(all.size(), sum);
        assertEquals(ids(http.get("/api/sd/targets?shard=1&shards=3", op, null).json()),
                ids(http.get("/api/sd/targets?shard=1&shards=3", op, null).json()), "stable between calls");
    }

    @Test
    void a_super_admin_without_the_header_sees_every_tenant_and_with_it_one() {
        var all = http.get("/api/sd/targets", TestApi.superToken(), null);
        assertTrue(all.body().contains("elsewhere") && all.body().contains("\"pg-0\""));
        var one = http.get("/api/sd/targets", TestApi.superToken(), other);
        assertEquals(1, one.json().size());
    }

    @Test
    void lookup_gives_the_decrypted_password_to_the_exporter_token_only() {
        String targetId = slug + "." + firstId;
        String exporter = TestApi.token(slug, "exporter");
        var r = http.get("/api/sd/lookup/" + targetId, exporter, null);
        assertEquals(200, r.status(), r.body());
        assertEquals(TestApi.MONITOR_PASSWORD, r.json().get("password").asText());
        assertEquals(TestApi.pgPort(), r.json().get("port").asInt());
        assertEquals("prod", r.json().get("labels").get(0).asText());
        assertEquals(403, http.get("/api/sd/lookup/" + targetId, op, null).status());
        assertEquals(403, http.get("/api/sd/lookup/" + targetId, TestApi.superToken(), null).status());
        assertEquals(403, http.get("/api/sd/lookup/" + targetId, TestApi.token(slug, "tenant-admin"), null).status());
    }

    @Test
    void an_exporter_token_of_another_tenant_gets_404_for_the_same_lookup() {
        String foreign = TestApi.token(other, "exporter");
        var r = http.get("/api/sd/lookup/" + slug + "." + firstId, foreign, null);
        assertEquals(404, r.status());
        assertFalse(r.body().contains(TestApi.MONITOR_PASSWORD));
        assertEquals(404, http.get("/api/sd/lookup/garbage", foreign, null).status());
        assertEquals(404, http.get("/api/sd/lookup/" + slug + ".999999", foreign, null).status());
    }

    @Test
    void an_unbound_exporter_token_looks_up_any_tenant_and_sees_all_targets() {
        var created = http.post("/api/tokens", TestApi.superToken(), null, "{\"name\":\"exporter-all\",\"role\":\"exporter\"}");
        assertEquals(201, created.status(), created.body());
        String exporter = created.json().get("value").asText();
        assertEquals(200, http.get("/api/sd/lookup/" + slug + "." + firstId, exporter, null).status());
        assertTrue(http.get("/api/sd/targets", exporter, null).body().contains("elsewhere"));
    }
}
