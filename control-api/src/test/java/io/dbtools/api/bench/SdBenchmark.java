package io.dbtools.api.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dbtools.api.cli.ImportFile;
import io.dbtools.api.cli.ServersImport;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Service discovery with 10,000 servers across 50 tenants, and onboarding throughput through the
 * API. Not part of the regular suite (the class name does not end in Test); run with
 * {@code mvn -pl control-api -am verify -Dtest=SdBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Figures go to stdout and target/sd-benchmark.txt.
 */
class SdBenchmark {

    static final int TENANTS = 50;
    static final int SERVERS_PER_TENANT = 200;

    @Test
    void sd_with_10000_servers_across_50_tenants() throws Exception {
        Http http = TestApi.http();
        String su = TestApi.superToken();
        String api = "http://127.0.0.1:" + TestApi.app().port();
        List<String> tenants = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < TENANTS; t++) {
            tenants.add(TestApi.newTenant("bench"));
        }
        double tenantSeconds = (System.nanoTime() - t0) / 1e9;

        long onboardNanos = 0;
        for (String slug : tenants) {
            List<ImportFile.Row> rows = new ArrayList<>();
            for (int i = 0; i < SERVERS_PER_TENANT; i++) {
                var server = JsonNodeFactory.instance.objectNode().put("name", "db-" + i).put("engine", i % 3 == 0 ? "mssql" : "postgres")
                        .put("host", "db-" + i + "." + slug + ".internal").put("username", "monitor").put("password", "pw-" + i);
                server.putArray("labels").add(i % 2 == 0 ? "prod" : "test");
                rows.add(new ImportFile.Row(i + 1, server, List.of()));
            }
            long s = System.nanoTime();
            var results = new ServersImport(api, su, slug).run(rows, false, 4, new PrintStream(new ByteArrayOutputStream()), false);
            onboardNanos += System.nanoTime() - s;
            assertEquals(SERVERS_PER_TENANT, results.stream().filter(ServersImport.Result::ok).count());
        }
        double onboardRate = TENANTS * SERVERS_PER_TENANT / (onboardNanos / 1e9);

        assertEquals(TENANTS * SERVERS_PER_TENANT, http.get("/api/sd/targets", su, null).json().size(),
                "the all-tenant view holds every benchmark server (run this class alone)");
        String all = latency(http, "/api/sd/targets", su, null, 5, 40);
        String sharded = latency(http, "/api/sd/targets?shard=1&shards=4", su, null, 5, 40);
        String one = latency(http, "/api/sd/targets", su, tenants.get(7), 20, 400);
        String report = String.join(System.lineSeparator(),
                "SD benchmark: " + TENANTS + " tenants x " + SERVERS_PER_TENANT + " servers = " + TENANTS * SERVERS_PER_TENANT + " targets",
                String.format("tenant provisioning: %.2f s for %d tenants (%.0f ms each)", tenantSeconds, TENANTS, tenantSeconds * 1000 / TENANTS),
                String.format("onboarding through POST /api/servers, 4 in flight: %.0f servers/s", onboardRate),
                "GET /api/sd/targets, all tenants (10,000 targets): " + all,
                "GET /api/sd/targets?shard=1&shards=4, all tenants: " + sharded,
                "GET /api/sd/targets, one tenant (200 targets): " + one,
                "");
        System.out.println(report);
        Files.writeString(Path.of("target/sd-benchmark.txt"), report);
    }

    private static String latency(Http http, String path, String token, String tenant, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            http.get(path, token, tenant);
        }
        long[] ms = new long[runs];
        int bytes = 0;
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            var r = http.get(path, token, tenant);
            ms[i] = (System.nanoTime() - s) / 1_000;
            bytes = r.body().length();
        }
        Arrays.sort(ms);
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d requests, %d KiB", ms[runs / 2] / 1000.0,
                ms[(int) Math.ceil(runs * 0.99) - 1] / 1000.0, ms[runs - 1] / 1000.0, runs, bytes / 1024);
    }
}
