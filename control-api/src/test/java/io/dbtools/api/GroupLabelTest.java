package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import org.junit.jupiter.api.Test;

class GroupLabelTest {

    private final Http http = TestApi.http();
    private final String slug = TestApi.newTenant("grp");
    private final String op = TestApi.token(slug, "operator");

    private long server(String name, String extra) {
        return http.post("/api/servers", op, null, TestApi.pgServer(name, extra)).json().get("server").get("id").asLong();
    }

    @Test
    void groups_add_and_remove_servers_in_bulk_and_count_members() {
        long s1 = server("s1", null);
        long s2 = server("s2", null);
        long s3 = server("s3", null);
        var created = http.post("/api/groups", op, null, "{\"name\":\"Payments\",\"description\":\"card processing\"}");
        assertEquals(201, created.status(), created.body());
        long g = created.json().get("id").asLong();

        var added = http.post("/api/groups/" + g + "/servers", op, null, "{\"serverIds\":[" + s1 + "," + s2 + "," + s3 + "]}");
        assertEquals(3, added.json().get("changed").asInt());
        assertEquals(3, added.json().get("group").get("memberCount").asInt());
        assertEquals(0, http.post("/api/groups/" + g + "/servers", op, null, "{\"serverIds\":[" + s1 + "]}").json().get("changed").asInt());

        var removed = http.post("/api/groups/" + g + "/servers/remove", op, null, "{\"serverIds\":[" + s1 + "," + s2 + "]}");
        assertEquals(2, removed.json().get("changed").asInt());
        var got = http.get("/api/groups/" + g, op, null).json();
        assertEquals(1, got.get("group").get("memberCount").asInt());
        assertEquals("s3", got.get("members").get(0).get("name").asText());
        assertEquals("Payments", http.get("/api/servers/" + s3, op, null).json().get("groups").get(0).asText());
    }

    @Test
    void group_names_are_unique_and_unknown_servers_are_named_by_index() {
        long s1 = server("only", null);
        long g = http.post("/api/groups", op, null, "{\"name\":\"dup\"}").json().get("id").asLong();
        var dup = http.post("/api/groups", op, null, "{\"name\":\"dup\"}");
        assertEquals(409, dup.status());
        assertEquals("name", dup.errorField());
        var unknown = http.post("/api/groups/" + g + "/servers", op, null, "{\"serverIds\":[" + s1 + ",987654]}");
        assertEquals(400, unknown.status());
        assertEquals("serverIds[1]", unknown.errorField());
        assertEquals(0, http.get("/api/groups/" + g, op, null).json().get("group").get("memberCount").asInt(), "all or nothing");
    }

    @Test
    void deleting_a_group_keeps_its_servers() {
        long s = server("stays", null);
        long g = http.post("/api/groups", op, null, "{\"name\":\"temp\"}").json().get("id").asLong();
        http.post("/api/groups/" + g + "/servers", op, null, "{\"serverIds\":[" + s + "]}");
        assertEquals(204, http.delete("/api/groups/" + g, op, null).status());
        assertEquals(200, http.get("/api/servers/" + s, op, null).status());
        assertEquals(0, http.get("/api/servers/" + s, op, null).json().get("groups").size());
    }

    @Test
    void labels_are_created_on_assignment_with_a_color_and_counted() {
        server("l1", "\"labels\":[\"prod\",\"eu\"]");
        server("l2", "\"labels\":[\"prod\"]");
        var labels = http.get("/api/labels", op, null).json();
        assertEquals(2, labels.size());
        assertEquals("eu", labels.get(0).get("name").asText());
        assertTrue(labels.get(0).get("color").asText().matches("#[0-9a-f]{6}"));
        assertEquals(2, labels.get(1).get("serverCount").asInt());
    }

    @Test
    void labels_can_be_recolored_renamed_and_deleted_and_names_stay_unique() {
        long id = http.post("/api/labels", op, null, "{\"name\":\"tier-1\",\"color\":\"#ff0000\"}").json().get("id").asLong();
        assertEquals(409, http.post("/api/labels", op, null, "{\"name\":\"tier-1\"}").status());
        assertEquals("color", http.post("/api/labels", op, null, "{\"name\":\"x\",\"color\":\"red\"}").errorField());
        var renamed = http.put("/api/labels/" + id, op, null, "{\"name\":\"tier-one\"}");
        assertEquals("tier-one", renamed.json().get("name").asText());
        assertEquals("#ff0000", renamed.json().get("color").asText());
        long s = server("lab", "\"labels\":[\"tier-one\"]");
        assertEquals(204, http.delete("/api/labels/" + id, op, null).status());
        assertEquals(0, http.get("/api/servers/" + s, op, null).json().get("labels").size());
    }

    @Test
    void PUT_with_labels_replaces_them_and_without_labels_keeps_them() {
        long s = server("relabel", "\"labels\":[\"a\",\"b\"]");
        String base = TestApi.pgServer("relabel", null).replace(",\"password\":\"" + TestApi.MONITOR_PASSWORD + "\"", "");
        http.put("/api/servers/" + s, op, null, base);
        assertEquals(2, http.get("/api/servers/" + s, op, null).json().get("labels").size());
        http.put("/api/servers/" + s, op, null, base.substring(0, base.length() - 1) + ",\"labels\":[\"c\"]}");
        assertEquals("c", http.get("/api/servers/" + s, op, null).json().get("labels").get(0).get("name").asText());
    }
}
