package io.dbtools.api.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.testing.Await;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.SchedulerNode;
import io.dbtools.api.testing.TestApi;
import io.dbtools.tenants.Databases;
import io.dbtools.tenants.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scheduler node is killed with SIGKILL in the middle of a run; another node finds the run dead
 * (no heartbeat), records the lost run as failed, runs the job again and records that run.
 */
class CrashRecoveryTest {

    private final Http http = TestApi.http();
    private final List<Process> nodes = new ArrayList<>();

    private Process node(String name, boolean hang) throws Exception {
        Path log = Files.createTempFile("scheduler-node-" + name, ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-D" + SchedulerNode.HANG + "=" + hang,
                SchedulerNode.class.getName(), TestDb.server().url(Databases.SYSTEM_DATABASE), name));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DBTOOLS_SECRET_KEY", Base64.getEncoder().encodeToString(TestDb.KEY));
        Process p = pb.start();
        nodes.add(p);
        return p;
    }

    private List<JsonNode> executions(String op, long job) {
        List<JsonNode> out = new ArrayList<>();
        http.get("/api/jobs/" + job + "/executions", op, null).json().get("items").forEach(out::add);
        return out.reversed();
    }

    @Test
    void a_run_on_a_killed_node_is_detected_retried_and_recorded() throws Exception {
        String slug = TestApi.newTenant("crash");
        String op = TestApi.token(slug, "operator");
        // the API's own node stays out of the way, so the run lands on the node that will be killed
        TestApi.scheduler().pause();
        try {
            long server = http.post("/api/servers", op, null, TestApi.pgServer("crash-db", null)).json().at("/server/id").asLong();
            // hangs on the doomed node (SchedulerNode.HANG); the rescuer runs the script for real
            long job = http.post("/api/jobs", op, null, "{\"name\":\"long-run\",\"type\":\"custom_script\",\"serverId\":" + server
                    + ",\"configuration\":{\"postgres\":{\"script\":\"SELECT 42\"}},\"schedule\":{\"type\":\"interval\",\"intervalSeconds\":3600}}").json().get("id").asLong();
            assertEquals(202, http.post("/api/jobs/" + job + "/run", op, null, null).status());
            Process doomed = node("doomed", true);
            JsonNode running = Await.until("the doomed node to start the run", Duration.ofSeconds(60), () -> {
                List<JsonNode> e = executions(op, job);
                return e.size() == 1 && e.get(0).get("status").asText().equals("running") ? e.get(0) : null;
            });
            assertEquals("doomed", running.get("node").asText());

            doomed.destroyForcibly(); // SIGKILL: no shutdown hook, no last heartbeat
            assertTrue(doomed.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));

            node("rescuer", false);
            List<JsonNode> runs = Await.until("the rescuer to run the job again", Duration.ofSeconds(90), () -> {
                List<JsonNode> e = executions(op, job);
                return e.size() == 2 && e.stream().noneMatch(x -> x.get("status").asText().equals("running")) ? e : null;
            });
            JsonNode lost = runs.get(0);
            JsonNode recovered = runs.get(1);
            assertEquals("failed", lost.get("status").asText());
            assertTrue(lost.get("error").asText().contains("abandoned: scheduler node doomed"), lost.toString());
            assertEquals("success", recovered.get("status").asText(), recovered.toString());
            assertEquals("recovered", recovered.get("trigger").asText());
            assertEquals("rescuer", recovered.get("node").asText());
            assertEquals(1, recovered.at("/result/statements/0/rows_returned").asInt(), "the rescuer ran the script: " + recovered);
            // the job's schedule goes on after the recovered run
            assertTrue(http.get("/api/jobs/" + job, op, null).json().hasNonNull("nextRunAt"));
        } finally {
            nodes.forEach(Process::destroyForcibly);
            for (Process p : nodes) {
                p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            TestApi.scheduler().resume();
        }
    }

}
