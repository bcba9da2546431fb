package io.dbtools.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.testing.FakePlugin;
import io.dbtools.exporter.testing.SettableClock;
import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.Version;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExporterScrapeTest {

    private final FakePlugin plugin = new FakePlugin();

    private static String text(List<Exposition.Labelled> parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, Exposition.toSnapshots(parts));
        return out.toString();
    }

    private Exporter exporter(Clock clock, String... names) {
        var targets = java.util.Arrays.stream(names).map(Targets::fake).toList();
        return new Exporter(new PluginRegistry(List.of(plugin)), TargetSource.of(targets), clock, ExporterOptions.DEFAULTS);
    }

    @Test
    void a_slow_collector_is_cut_at_the_deadline_and_reported_failed_while_earlier_ones_are_kept() throws Exception {
        plugin.collector("quick", Duration.ZERO, Duration.ZERO, new AtomicInteger(), null)
                .collector("stuck", Duration.ofSeconds(30), Duration.ZERO, new AtomicInteger(), null);
        try (Exporter exporter = exporter(Clock.systemUTC(), "a")) {
            long start = System.nanoTime();
            var part = exporter.probe("a", Duration.ofMillis(300)).orElseThrow();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            String text = text(List.of(part));
            assertTrue(tookMs < 2000, "probe returned after " + tookMs + " ms, the budget was 300 ms");
            assertTrue(text.contains("dbtools_up{engine=\"fake\",server=\"a\",tenant=\"acme\"} 1.0"), text);
            assertTrue(text.contains("dbtools_fake_quick{engine=\"fake\",server=\"a\",tenant=\"acme\"} 1.0"), text);
            assertTrue(text.contains("dbtools_scrape_collector_success{collector=\"stuck\",engine=\"fake\",server=\"a\",tenant=\"acme\"} 0.0"), text);
            assertTrue(text.contains("dbtools_scrape_collector_success{collector=\"quick\",engine=\"fake\",server=\"a\",tenant=\"acme\"} 1.0"), text);
        }
    }

    @Test
    void the_query_running_at_the_deadline_is_cancelled_so_the_worker_stops() throws Exception {
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean workerStopped = new java.util.concurrent.atomic.AtomicBoolean();
        plugin.collectors.add(new io.dbtools.plugin.Collector<>() {
            @Override
            public io.dbtools.plugin.CollectorInfo info() {
                return new io.dbtools.plugin.CollectorInfo("blocking", "a query that waits for its cancel", true, Duration.ZERO);
            }

            @Override
            public void collect(Object source, io.dbtools.plugin.ScrapeContext ctx, io.dbtools.plugin.MetricSink sink) throws Exception {
                try (var running = ctx.cancellation().register(cancelled::countDown)) {
                    // Like a driver blocked in a socket read: only the cancel request ends it.
                    if (!cancelled.await(30, java.util.concurrent.TimeUnit.SECONDS)) return;
                    workerStopped.set(true);
                    throw new java.sql.SQLException("canceling statement due to user request", "57014");
                }
            }
        });
        try (Exporter exporter = exporter(Clock.systemUTC(), "a")) {
            long start = System.nanoTime();
            String text = text(List.of(exporter.probe("a", Duration.ofMillis(300)).orElseThrow()));
            assertTrue(cancelled.await(2, java.util.concurrent.TimeUnit.SECONDS), "the running query was never cancelled");
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2000);
            for (int i = 0; i < 100 && !workerStopped.get(); i++) Thread.sleep(20);
            assertTrue(workerStopped.get(), "the worker still waits in its query");
            assertTrue(text.contains("dbtools_scrape_collector_success{collector=\"blocking\",engine=\"fake\",server=\"a\",tenant=\"acme\"} 0.0"), text);
        }
    }

    @Test
    void a_failing_collector_contributes_no_partial_samples_and_does_not_fail_the_scrape() throws Exception {
        plugin.failing("broken").collector("fine", Duration.ZERO, Duration.ZERO, new AtomicInteger(), null);
        try (Exporter exporter = exporter(Clock.systemUTC(), "a")) {
            String text = text(List.of(exporter.probe("a", Duration.ofSeconds(2)).orElseThrow()));
            assertFalse(text.contains("dbtools_fake_partial"), text);
            assertTrue(text.contains("dbtools_fake_fine{"), text);
            assertTrue(text.contains("dbtools_scrape_collector_success{collector=\"broken\",engine=\"fake\",server=\"a\",tenant=\"acme\"} 0.0"), text);
        }
    }

    @Test
    void an_unreachable_target_answers_up_0_with_the_failure_kind_at_once() throws Exception {
        plugin.collector("quick", Duration.ZERO, Duration.ZERO, new AtomicInteger(), null);
        plugin.connectFailure = FailureKind.AUTHENTICATION;
        try (Exporter exporter = exporter(Clock.systemUTC(), "a")) {
            String text = text(List.of(exporter.probe("a", Duration.ofSeconds(5)).orElseThrow()));
            assertTrue(text.contains("dbtools_up{engine=\"fake\",server=\"a\",tenant=\"acme\"} 0.0"), text);
            assertTrue(text.contains("dbtools_target_connect_error{engine=\"fake\",kind=\"authentication\",server=\"a\",tenant=\"acme\"} 1.0"), text);
            assertFalse(text.contains("dbtools_fake_quick"), text);
        }
    }

    @Test
    void cached_collectors_rerun_only_when_their_refresh_interval_has_passed_and_expose_their_age() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicInteger sizeRuns = new AtomicInteger();
        AtomicInteger liveRuns = new AtomicInteger();
        plugin.collector("sizes", Duration.ZERO, Duration.ofMinutes(5), sizeRuns, null)
                .collector("live", Duration.ZERO, Duration.ZERO, liveRuns, null);
        try (Exporter exporter = exporter(clock, "a")) {
            exporter.probe("a", Duration.ofSeconds(2));
            clock.advance(Duration.ofMinutes(2));
            String second = text(List.of(exporter.probe("a", Duration.ofSeconds(2)).orElseThrow()));
            assertEquals(1, sizeRuns.get());
            assertEquals(2, liveRuns.get());
            assertTrue(second.contains("dbtools_scrape_collector_age_seconds{collector=\"sizes\",engine=\"fake\",server=\"a\",tenant=\"acme\"} 120.0"), second);
            clock.advance(Duration.ofMinutes(4));
            exporter.probe("a", Duration.ofSeconds(2));
            assertEquals(2, sizeRuns.get());
        }
    }

    @Test
    void collectors_above_the_server_version_are_skipped_not_failed() throws Exception {
        plugin.collector("new_view", Duration.ZERO, Duration.ZERO, new AtomicInteger(), new Version(17, 0, 0));
        plugin.version = new Version(15, 2, 0);
        try (Exporter exporter = exporter(Clock.systemUTC(), "a")) {
            String text = text(List.of(exporter.probe("a", Duration.ofSeconds(2)).orElseThrow()));
            assertFalse(text.contains("new_view"), text);
            assertTrue(text.contains("dbtools_server_info{edition=\"test\",engine=\"fake\",flavor=\"fake\",server=\"a\",tenant=\"acme\",version=\"15.2.0\"} 1"), text);
        }
    }

    @Test
    void a_collector_that_does_not_apply_is_reported_once_per_kind_of_server_not_per_target() throws Exception {
        plugin.collector("newer_view_once", Duration.ZERO, Duration.ZERO, new AtomicInteger(), new Version(17, 0, 0));
        plugin.version = new Version(15, 2, 0);
        try (Exporter exporter = exporter(Clock.systemUTC(), "a", "b", "c")) {
            for (String t : List.of("a", "b", "c", "a")) exporter.probe(t, Duration.ofSeconds(2)).orElseThrow();
        }
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/core-test.log"));
        long lines = log.lines().filter(l -> l.contains("collector newer_view_once does not apply")).count();
        assertEquals(1, lines, log);
    }

    @Test
    void a_stuck_target_does_not_delay_the_others_in_metrics() throws Exception {
        FakePlugin slow = plugin;
        slow.collector("stuck", Duration.ofSeconds(30), Duration.ZERO, new AtomicInteger(), null);
        try (Exporter exporter = exporter(Clock.systemUTC(), "a", "b", "c")) {
            long start = System.nanoTime();
            var parts = exporter.scrapeAll(Duration.ofMillis(400));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(3, parts.size());
            assertTrue(tookMs < 2000, "all targets answered after " + tookMs + " ms; each had 400 ms in parallel");
        }
    }

    @Test
    void a_changed_target_definition_replaces_its_session() {
        plugin.collector("quick", Duration.ZERO, Duration.ZERO, new AtomicInteger(), null);
        var first = new java.util.concurrent.atomic.AtomicReference<>(Targets.fake("a"));
        TargetSource source = new TargetSource() {
            public List<io.dbtools.plugin.Target> all() { return List.of(first.get()); }
            public java.util.Optional<io.dbtools.plugin.Target> find(String n) { return java.util.Optional.of(first.get()); }
        };
        try (Exporter exporter = new Exporter(new PluginRegistry(List.of(plugin)), source, Clock.systemUTC(), ExporterOptions.DEFAULTS)) {
            exporter.probe("a", Duration.ofSeconds(1));
            exporter.probe("a", Duration.ofSeconds(1));
            assertEquals(1, plugin.opened.get());
            first.set(Targets.of("a", "fake", "otherhost", 1234, null, "u", "p"));
            exporter.probe("a", Duration.ofSeconds(1));
            assertEquals(2, plugin.opened.get());
            assertEquals(1, plugin.closed.get());
        }
    }
}
