package io.dbtools.api.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.job.DataRetention;
import io.dbtools.api.job.JobMetrics;
import io.dbtools.api.job.JobRepository;
import io.dbtools.api.job.JobScheduler;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.testing.TestJobs;
import io.dbtools.api.web.Json;
import io.dbtools.tenants.Databases;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.testing.TestDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scheduler throughput and latency with trivial jobs (maintenance, returning at once on the benchmark's node) across
 * 10 tenants, on one node with the production defaults (8 threads, 2 s polling) unless
 * -Dbench.pollMs / -Dbench.threads say otherwise. Not part of the regular suite; run with
 * {@code mvn -pl control-api -am verify -Dtest=JobBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Figures go to stdout and target/job-benchmark.txt.
 *
 * <ul>
 *   <li>burst: 10 × 200 jobs all due at the same instant; executions per second from the due time to the last finish</li>
 *   <li>latency: 10 × 30 jobs due 200 ms apart (a light load); due → started p50/p99</li>
 * </ul>
 */
class JobBenchmark {

    static final int TENANTS = 10;

    @Test
    void trivial_jobs_across_10_tenants() throws Exception {
        Http http = TestApi.http();
        TestApi.scheduler().pause();
        int threads = Integer.getInteger("bench.threads", 8);
        long pollMs = Long.getLong("bench.pollMs", 2000);
        var server = TestDb.server();
        var pool = Databases.pool("bench-scheduler", server.url(Databases.SYSTEM_DATABASE), server.adminUser(), server.adminPassword(),
                threads + 4);
        TenantPools pools = new TenantPools(TestDb.platform().secrets(), null, threads);
        List<String> slugs = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            slugs.add(TestApi.newTenant("jbench"));
            tokens.add(TestApi.token(slugs.get(t), "tenant-admin"));
            // the per-tenant limit is not what is measured here
            http.put("/api/settings", tokens.get(t), null, "{\"job_concurrency\":" + threads + "}");
        }
        var mapper = Json.mapper();
        var settings = new JobScheduler.Settings("bench", threads, Duration.ofMillis(pollMs), Duration.ofSeconds(30), 4, Duration.ofMillis(200));
        var retention = new DataRetention(TestDb.platform().registry(), pools, new Db(TestDb.platform().system()), Clock.systemUTC());
        try (var scheduler = new JobScheduler(pool, TestDb.platform().registry(), pools, new JobRepository(mapper), TestJobs.trivial(),
                new JobMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), settings, List.of(retention.task()))) {
            scheduler.start();
            StringBuilder report = new StringBuilder(String.format("job scheduler, 1 node, %d threads, %d ms polling, %d tenants, %d cores%n",
                    threads, pollMs, TENANTS, Runtime.getRuntime().availableProcessors()));

            // burst: everything due at once
            int perTenant = 200;
            Instant due = Instant.now().plusSeconds(40);
            for (int t = 0; t < TENANTS; t++) {
                for (int i = 0; i < perTenant; i++) {
                    create(http, tokens.get(t), "burst-" + i, due.toString());
                }
            }
            await(pools, slugs, "burst-%", TENANTS * perTenant, Duration.ofMinutes(5));
            Instant lastFinish = Instant.MIN;
            List<Long> burstLatency = new ArrayList<>();
            for (String slug : slugs) {
                Db db = db(pools, slug);
                for (var row : db.list("SELECT e.started_at, e.finished_at, e.scheduled_for FROM job_executions e JOIN jobs j ON j.id = e.job_id "
                        + "WHERE j.name LIKE 'burst-%'", rs -> new Instant[] {Db.instant(rs, "started_at"), Db.instant(rs, "finished_at"),
                        Db.instant(rs, "scheduled_for")})) {
                    lastFinish = row[1].isAfter(lastFinish) ? row[1] : lastFinish;
                    burstLatency.add(Duration.between(row[2], row[0]).toMillis());
                }
            }
            double seconds = Duration.between(due, lastFinish).toMillis() / 1000.0;
            report.append(String.format("burst: %d jobs due at once, all finished %.1f s after the due time: %.0f executions/s; due→started %s%n",
                    TENANTS * perTenant, seconds, TENANTS * perTenant / seconds, percentiles(burstLatency)));

            // light load: due times 200 ms apart
            int spread = 30;
            Instant start = Instant.now().plusSeconds(20);
            for (int i = 0; i < spread; i++) {
                for (int t = 0; t < TENANTS; t++) {
                    create(http, tokens.get(t), "spread-" + i, start.plusMillis(200L * (i * TENANTS + t)).toString());
                }
            }
            await(pools, slugs, "spread-%", TENANTS * spread, Duration.ofMinutes(5));
            List<Long> latency = new ArrayList<>();
            for (String slug : slugs) {
                latency.addAll(db(pools, slug).list("SELECT (extract(epoch FROM (e.started_at - e.scheduled_for)) * 1000)::bigint FROM job_executions e "
                        + "JOIN jobs j ON j.id = e.job_id WHERE j.name LIKE 'spread-%'", rs -> rs.getLong(1)));
            }
            report.append(String.format("light load: %d jobs due 200 ms apart: due→started %s%n", latency.size(), percentiles(latency)));
            System.out.print(report);
            Files.writeString(Path.of("target/job-benchmark.txt"), report);
        } finally {
            pool.close();
            pools.close();
            TestApi.scheduler().resume();
        }
    }

    private static void create(Http http, String token, String name, String runAt) {
        var r = http.post("/api/jobs", token, null, "{\"name\":\"" + name + "\",\"type\":\"maintenance\",\"schedule\":{\"type\":\"once\",\"runAt\":\""
                + runAt + "\"}}");
        assertEquals(201, r.status(), r.body());
    }

    private static Db db(TenantPools pools, String slug) {
        Tenant t = TestDb.platform().registry().bySlug(slug).orElseThrow();
        return pools.db(t);
    }

    private static void await(TenantPools pools, List<String> slugs, String like, int expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            long done = 0;
            for (String slug : slugs) {
                done += db(pools, slug).count("SELECT count(*) FROM job_executions e JOIN jobs j ON j.id = e.job_id WHERE j.name LIKE ? "
                        + "AND e.status = 'success'", like);
            }
            if (done >= expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not all " + like + " jobs ran within " + limit);
    }

    private static String percentiles(List<Long> ms) {
        long[] v = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("p50 %d ms, p99 %d ms, max %d ms over %d runs", v[v.length / 2], v[(int) Math.ceil(v.length * 0.99) - 1],
                v[v.length - 1], v.length);
    }

}
