package io.dbtools.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bulk onboarding through the API itself (so every row gets the same validation, encryption and
 * activity log as a single POST): rows go in parallel, then each named group is created if
 * missing and gets its servers in one bulk call.
 */
public final class ServersImport {

    /** One row's outcome: created with its id, or the API's status, field and message. */
    public record Result(int line, String name, boolean ok, long id, int status, String field, String message) {

        public String describe() {
            return ok ? String.format("line %-4d %-30s created (id %d)", line, name, id)
                    : String.format("line %-4d %-30s FAILED %d %s%s", line, name, status, field == null ? "" : field + ": ", message);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String api;
    private final String token;
    private final String tenant;

    /** @param tenant X-Tenant-Slug for super-admin tokens, or null for a tenant token */
    public ServersImport(String api, String token, String tenant) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.token = token;
        this.tenant = tenant;
    }

    public List<Result> run(List<ImportFile.Row> rows, boolean validate, int parallel, PrintStream progressOut, boolean redraw)
            throws InterruptedException {
        Progress progress = new Progress(progressOut, rows.size(), redraw);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Result> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel))) {
            List<Future<Result>> futures = new ArrayList<>();
            for (ImportFile.Row row : rows) {
                futures.add(pool.submit(() -> {
                    Result r = create(row, validate);
                    if (!r.ok()) {
                        failed.incrementAndGet();
                    }
                    synchronized (progress) {
                        progress.update(done.incrementAndGet(), failed.get());
                    }
                    return r;
                }));
            }
            for (Future<Result> f : futures) {
                try {
                    results.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        joinGroups(rows, results);
        return results;
    }

    private Result create(ImportFile.Row row, boolean validate) {
        var body = row.server().deepCopy();
        if (validate && !body.has("validate")) {
            body.put("validate", true);
        }
        try {
            var r = send("POST", "/api/servers", mapper.writeValueAsString(body));
            JsonNode json = mapper.readTree(r.body());
            if (r.statusCode() == 201) {
                return new Result(row.line(), row.name(), true, json.path("server").path("id").asLong(), 201, null, null);
            }
            JsonNode error = json.path("error");
            return new Result(row.line(), row.name(), false, 0, r.statusCode(),
                    error.path("field").isTextual() ? error.path("field").asText() : null, error.path("message").asText(r.body()));
        } catch (IOException e) {
            return new Result(row.line(), row.name(), false, 0, 0, null, "API unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(row.line(), row.name(), false, 0, 0, null, "interrupted");
        }
    }

    /** Groups are created when missing; a server that failed to import is simply not added. */
    private void joinGroups(List<ImportFile.Row> rows, List<Result> results) throws InterruptedException {
        Map<String, List<Long>> members = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (results.get(i).ok()) {
                for (String g : rows.get(i).groups()) {
                    members.computeIfAbsent(g, k -> new ArrayList<>()).add(results.get(i).id());
                }
            }
        }
        if (members.isEmpty()) {
            return;
        }
        try {
            Map<String, Long> existing = new LinkedHashMap<>();
            for (JsonNode g : mapper.readTree(send("GET", "/api/groups", null).body())) {
                existing.put(g.get("name").asText(), g.get("id").asLong());
            }
            for (var e : members.entrySet()) {
                Long id = existing.get(e.getKey());
                if (id == null) {
                    var created = send("POST", "/api/groups", mapper.writeValueAsString(Map.of("name", e.getKey())));
                    id = mapper.readTree(created.body()).path("id").asLong();
                }
                send("POST", "/api/groups/" + id + "/servers", mapper.writeValueAsString(Map.of("serverIds", e.getValue())));
            }
        } catch (IOException e) {
            throw new IllegalStateException("servers were imported, but joining groups failed: " + e.getMessage());
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (tenant != null) {
            b.header("X-Tenant-Slug", tenant);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
