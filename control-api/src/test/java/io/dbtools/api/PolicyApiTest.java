package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.testing.Await;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.testing.TestJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /api/policies with an in-test catalogue and executor: versions, validation, deployments that follow group membership. */
class PolicyApiTest {

    private static final Http http = TestApi.http();
    private static String slug;
    private static String op;

    @BeforeAll
    static void tenant() {
        slug = TestApi.newTenant("pol");
        op = TestApi.token(slug, "operator");
    }

    static long server(String name) {
        return http.post("/api/servers", op, null, TestApi.pgServer(name, null)).json().get("server").get("id").asLong();
    }

    static long group(String name, long... servers) {
        long id = http.post("/api/groups", op, null, "{\"name\":\"" + name + "\"}").json().get("id").asLong();
        if (servers.length > 0) {
            StringBuilder ids = new StringBuilder();
            for (long s : servers) {
                ids.append(ids.isEmpty() ? "" : ",").append(s);
            }
            assertEquals(200, http.post("/api/groups/" + id + "/servers", op, null, "{\"serverIds\":[" + ids + "]}").status());
        }
        return id;
    }

    static JsonNode policy(String name, String spec) {
        var r = http.post("/api/policies", op, null, "{\"name\":\"" + name + "\",\"type\":\"backup\",\"spec\":" + spec
                + ",\"schedule\":{\"type\":\"cron\",\"cron\":\"0 2 * * *\"}}");
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    static Set<Long> jobServers(long policyId) {
        Set<Long> out = new TreeSet<>();
        http.get("/api/jobs?type=policy_execution&size=500", op, null).json().get("items").forEach(j -> {
            if (j.at("/configuration/policyId").asLong() == policyId) {
                out.add(j.get("serverId").asLong());
            }
        });
        return out;
    }

    @Test
    void schemas_come_from_the_catalogue() {
        JsonNode types = http.get("/api/policies/schemas", op, null).json().get("types");
        assertEquals("backup", types.get(0).get("name").asText());
        assertEquals("postgres", types.get(0).get("engines").get(0).asText());
    }

    @Test
    void every_violation_is_listed_with_its_path() {
        var r = http.post("/api/policies", op, null, "{\"name\":\"bad\",\"type\":\"backup\",\"spec\":{\"retention\":{\"days\":0},"
                + "\"compress\":\"yes\",\"colour\":1},\"schedule\":{\"type\":\"cron\",\"cron\":\"0 2 * * *\"}}");
        assertEquals(400, r.status(), r.body());
        JsonNode v = r.json().at("/error/violations");
        assertEquals(3, v.size(), r.body());
        List<String> fields = new ArrayList<>();
        v.forEach(x -> fields.add(x.get("field").asText()));
        assertTrue(fields.containsAll(List.of("spec.retention.days", "spec.compress", "spec.colour")), fields.toString());
        assertEquals(fields.get(0), r.errorField());
        assertEquals("/retention/days", v.get(fields.indexOf("spec.retention.days")).get("path").asText());

        assertEquals("type", http.post("/api/policies", op, null, "{\"name\":\"t\",\"type\":\"nope\",\"spec\":{},"
                + "\"schedule\":{\"type\":\"cron\",\"cron\":\"0 2 * * *\"}}").errorField());
        assertEquals("schedule.cron", http.post("/api/policies", op, null, "{\"name\":\"t\",\"type\":\"backup\",\"spec\":{},"
                + "\"schedule\":{\"type\":\"cron\",\"cron\":\"every day\"}}").errorField());
        assertEquals("name", http.post("/api/policies", op, null, "{\"type\":\"backup\",\"spec\":{},"
                + "\"schedule\":{\"type\":\"cron\",\"cron\":\"0 2 * * *\"}}").errorField());
    }

    @Test
    void a_put_makes_a_new_version_and_history_stays_as_it_was() {
        JsonNode v1 = policy("nightly-backup", "{}");
        long id = v1.get("id").asLong();
        assertEquals(1, v1.get("version").asInt());
        assertEquals(7, v1.at("/spec/retention/days").asInt(), "defaults are filled on save");
        assertTrue(v1.at("/spec/compress").asBoolean());
        var dup = http.post("/api/policies", op, null, "{\"name\":\"Nightly-Backup\",\"type\":\"backup\",\"spec\":{},"
                + "\"schedule\":{\"type\":\"cron\",\"cron\":\"0 2 * * *\"}}");
        assertEquals(409, dup.status());
        assertEquals("name", dup.errorField());

        var v2 = http.put("/api/policies/" + id, op, null, "{\"name\":\"nightly-backup\",\"spec\":{\"retention\":{\"days\":30}},"
                + "\"schedule\":{\"type\":\"cron\",\"cron\":\"0 3 * * *\"}}");
        assertEquals(200, v2.status(), v2.body());
        assertEquals(2, v2.json().get("version").asInt());
        JsonNode versions = http.get("/api/policies/" + id + "/versions", op, null).json().get("items");
        assertEquals(2, versions.size());
        assertEquals(30, versions.get(0).at("/spec/retention/days").asInt());
        assertEquals(7, versions.get(1).at("/spec/retention/days").asInt());
        assertEquals("0 2 * * *", versions.get(1).at("/schedule/cron").asText());

        var typeChange = http.put("/api/policies/" + id, op, null, "{\"name\":\"nightly-backup\",\"type\":\"other\",\"spec\":{},"
                + "\"schedule\":{\"type\":\"cron\",\"cron\":\"0 3 * * *\"}}");
        assertEquals("type", typeChange.errorField());

        assertEquals(204, http.delete("/api/policies/" + id, op, null).status());
        assertEquals(404, http.get("/api/policies/" + id, op, null).status());
        assertFalse(http.get("/api/policies", op, null).body().contains("\"nightly-backup\""));
        assertEquals(201, http.post("/api/policies", op, null, "{\"name\":\"nightly-backup\",\"type\":\"backup\",\"spec\":{},"
                + "\"schedule\":{\"type\":\"cron\",\"cron\":\"0 2 * * *\"}}").status(), "a deleted policy's name is free again");
    }

    @Test
    void deploying_makes_a_job_per_server_and_follows_group_membership() {
        long s1 = server("pol-db-1");
        long s2 = server("pol-db-2");
        long s3 = server("pol-db-3");
        long g = group("pol-prod", s1, s2);
        long id = policy("prod-backup", "{\"retention\":{\"days\":14}}").get("id").asLong();

        var deployed = http.post("/api/policies/" + id + "/deploy", op, null, "{\"group_ids\":[" + g + "]}");
        assertEquals(201, deployed.status(), deployed.body());
        assertEquals(2, deployed.json().at("/items/0/jobIds").size());
        assertEquals(Set.of(s1, s2), jobServers(id));
        assertEquals(409, http.post("/api/policies/" + id + "/deploy", op, null, "{\"groupIds\":[" + g + "]}").status());
        assertEquals("groupIds[0]", http.post("/api/policies/" + id + "/deploy", op, null, "{\"groupIds\":[987654]}").errorField());
        JsonNode groupPolicies = http.get("/api/groups/" + g + "/policies", op, null).json().get("items");
        assertEquals("prod-backup", groupPolicies.get(0).get("policyName").asText());

        // a server that joins later gets the job; one that leaves loses it
        http.post("/api/groups/" + g + "/servers", op, null, "{\"serverIds\":[" + s3 + "]}");
        assertEquals(Set.of(s1, s2, s3), jobServers(id));
        http.post("/api/groups/" + g + "/servers/remove", op, null, "{\"serverIds\":[" + s1 + "]}");
        assertEquals(Set.of(s2, s3), jobServers(id));

        // the job runs the policy's current version through the executor, on its server
        long job = http.get("/api/jobs?type=policy_execution&serverId=" + s2, op, null).json().at("/items/0/id").asLong();
        http.post("/api/jobs/" + job + "/run", op, null, null);
        JsonNode exec = Await.until("the policy run", Duration.ofSeconds(30), () -> {
            JsonNode items = http.get("/api/jobs/" + job + "/executions", op, null).json().get("items");
            return items.size() == 1 && !items.get(0).get("status").asText().equals("running") ? items.get(0) : null;
        });
        assertEquals("success", exec.get("status").asText(), exec.toString());
        assertEquals("pol-db-2", exec.at("/result/server").asText());
        assertEquals(14, exec.at("/result/days").asInt());
        assertTrue(TestJobs.POLICY_RUNS.stream().anyMatch(r -> r.server().equals("pol-db-2")));

        var undeployed = http.delete("/api/policies/" + id + "/deployments/" + g, op, null);
        assertEquals(200, undeployed.status(), undeployed.body());
        assertFalse(undeployed.json().get("undeployedAt").isNull());
        assertTrue(jobServers(id).isEmpty());
        assertEquals(0, http.get("/api/groups/" + g + "/policies", op, null).json().get("items").size());
        JsonNode history = http.get("/api/policies/" + id + "/deployments", op, null).json().get("items");
        assertEquals(1, history.size());
        assertEquals(404, http.delete("/api/policies/" + id + "/deployments/" + g, op, null).status());
        // deploying again after an undeploy is a new deployment
        assertEquals(201, http.post("/api/policies/" + id + "/deploy", op, null, "{\"groupIds\":[" + g + "]}").status());
        assertEquals(2, http.get("/api/policies/" + id + "/deployments", op, null).json().get("items").size());
    }

    @Test
    void deleting_a_deployed_group_removes_its_policy_jobs() {
        long s = server("pol-gone-1");
        long g = group("pol-gone", s);
        long id = policy("gone-backup", "{}").get("id").asLong();
        http.post("/api/policies/" + id + "/deploy", op, null, "{\"groupIds\":[" + g + "]}");
        assertEquals(Set.of(s), jobServers(id));
        assertEquals(204, http.delete("/api/groups/" + g, op, null).status());
        assertTrue(jobServers(id).isEmpty());
    }
}
