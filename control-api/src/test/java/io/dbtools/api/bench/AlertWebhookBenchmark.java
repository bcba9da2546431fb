package io.dbtools.api.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.testing.Webhooks;
import io.dbtools.api.testing.Webhooks.TestAlert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Webhook cost: notifications of 1 and 50 alerts, new (every alert a firing event and an activity
 * entry) and repeated (no change), and throughput with 4 notifications in flight across 10 tenants.
 * Not part of the regular suite; run with
 * {@code mvn -pl control-api -am verify -Dtest=AlertWebhookBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Figures go to stdout and target/alert-webhook-benchmark.txt.
 */
class AlertWebhookBenchmark {

    @Test
    void webhook_latency_and_throughput() throws Exception {
        Http http = TestApi.http();
        String am = Webhooks.alertmanagerToken();
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tenants.add(TestApi.newTenant("whb"));
        }
        StringBuilder out = new StringBuilder();
        for (int size : new int[] {1, 50}) {
            long[] fresh = new long[40];
            long[] repeat = new long[40];
            for (int n = 0; n < fresh.length; n++) {
                String body = notification(tenants.get(n % tenants.size()), "s" + size + "n" + n, size);
                fresh[n] = timed(http, am, body);
                repeat[n] = timed(http, am, body);
            }
            out.append(String.format("%2d alerts per notification: new p50 %.1f ms p99 %.1f ms; repeated p50 %.1f ms p99 %.1f ms%n",
                    size, p(fresh, 50), p(fresh, 99), p(repeat, 50), p(repeat, 99)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int notifications = 400;
        int perNotification = 10;
        long start = System.nanoTime();
        List<Future<Long>> done = new ArrayList<>();
        for (int n = 0; n < notifications; n++) {
            String body = notification(tenants.get(n % tenants.size()), "tp" + n, perNotification);
            done.add(pool.submit(() -> timed(http, am, body)));
        }
        for (Future<Long> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        out.append(String.format("throughput, 4 in flight, %d notifications of %d new alerts over 10 tenants: %.0f notifications/s, %.0f alerts/s%n",
                notifications, perNotification, notifications / seconds, notifications * perNotification / seconds));
        System.out.print(out);
        Files.writeString(Path.of("target/alert-webhook-benchmark.txt"), out.toString());
    }

    private static String notification(String tenant, String key, int alerts) {
        TestAlert[] list = new TestAlert[alerts];
        for (int i = 0; i < alerts; i++) {
            String fp = String.format("%016x", (key + "-" + i).hashCode() & 0xffffffffL) ;
            list[i] = TestAlert.firing(fp + key.length() + i, "2026-12-01T10:00:00Z", Webhooks.labels(tenant, "DbToolsBench", key + "-db-" + i, "warning"));
        }
        return Webhooks.body(list);
    }

    private static long timed(Http http, String token, String body) {
        long s = System.nanoTime();
        var r = http.post("/api/alertmanager/webhook", token, null, body);
        long t = System.nanoTime() - s;
        assertEquals(200, r.status(), r.body());
        return t;
    }

    private static double p(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
