package io.dbtools.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.Exporter;
import io.dbtools.exporter.ExporterOptions;
import io.dbtools.exporter.Exposition;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.exporter.SampleBuffer;
import io.dbtools.exporter.TargetSource;
import io.dbtools.exporter.testing.Promtool;
import io.dbtools.exporter.testing.Samples;
import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.postgres.collector.CrdbCollector;
import io.dbtools.postgres.collector.PgCollectors;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * CockroachDB and PostgreSQL collectors each run only on their own flavor, through the real exporter runtime:
 * the CockroachDB ones on recorded rows (CockroachDB cannot run here), the PostgreSQL ones on the embedded server.
 */
class CockroachFlavorTest {

    private static final Set<String> CRDB_COLLECTORS = PgCollectors.all().stream().filter(c -> c instanceof CrdbCollector)
            .map(c -> c.info().name()).collect(Collectors.toCollection(TreeSet::new));
    private static final Set<String> PG_COLLECTORS = PgCollectors.all().stream().filter(c -> !(c instanceof CrdbCollector))
            .map(c -> c.info().name()).collect(Collectors.toCollection(TreeSet::new));

    private static Exposition.Labelled probeCockroach(ServerInfo server) {
        Target base = Cockroach.target(Map.of());
        Target target = new Target(base.name(), base.tenant(), base.server(), base.engine(), base.host(), base.port(), base.database(),
                base.credentials(), base.tls(), new CollectorSelection(Set.of(), Set.of("crdb_statement_statistics"), Set.of()),
                base.options(), base.labels());
        try (Exporter exporter = new Exporter(new PluginRegistry(List.of(new RecordedCockroach(server))), TargetSource.of(List.of(target)),
                Clock.systemUTC(), ExporterOptions.DEFAULTS)) {
            return exporter.probe(target.name(), Duration.ofSeconds(10)).orElseThrow();
        }
    }

    private static Set<String> ranCollectors(SampleBuffer samples) {
        Set<String> ran = new TreeSet<>();
        for (SampleBuffer.Sample s : Samples.of(samples, "dbtools_scrape_collector_success")) ran.add(s.labelPairs()[1]);
        return ran;
    }

    private static Set<String> families(SampleBuffer samples) {
        Set<String> names = new TreeSet<>();
        samples.families().forEach(f -> names.add(f.name()));
        return names;
    }

    @Test
    void on_cockroachdb_every_cockroachdb_collector_succeeds_and_no_postgresql_collector_runs() {
        SampleBuffer samples = probeCockroach(Cockroach.server("24.1.5")).samples();
        assertEquals(1, Samples.value(samples, "dbtools_up"));
        assertEquals(CRDB_COLLECTORS, ranCollectors(samples), "the opt-in statement statistics included");
        for (String c : CRDB_COLLECTORS) {
            assertEquals(1, Samples.value(samples, "dbtools_scrape_collector_success", "collector", c), c);
        }
        assertTrue(families(samples).stream().noneMatch(f -> f.startsWith("dbtools_postgres_")), families(samples).toString());
        // The normalized core set CockroachDB has, next to its own families.
        for (String core : List.of("dbtools_connections_used", "dbtools_oldest_query_seconds", "dbtools_blocked_sessions")) {
            assertTrue(families(samples).contains(core), core);
        }
        assertEquals(2, Samples.value(samples, "dbtools_cockroachdb_nodes", "liveness", "live"), "recorded: node 2 down");
    }

    @Test
    void cockroachdb_older_than_23_1_gets_no_collector_but_is_still_up() {
        SampleBuffer samples = probeCockroach(Cockroach.server("22.2.19")).samples();
        assertEquals(1, Samples.value(samples, "dbtools_up"));
        assertEquals(Set.of(), ranCollectors(samples));
    }

    @Test
    void the_cockroachdb_exposition_passes_promtool_and_every_family_is_documented() throws Exception {
        var labelled = probeCockroach(Cockroach.server("23.2.3"));
        var out = new ByteArrayOutputStream();
        ExpositionFormats.init().getPrometheusTextFormatWriter().write(out, Exposition.toSnapshots(List.of(labelled)));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("dbtools_cockroachdb_contention_events{"), text);
        var lint = Promtool.checkMetrics(text);
        assertEquals(0, lint.exitCode(), "promtool check metrics:\n" + lint.output() + "\n" + text);

        Path doc = Path.of(System.getProperty("basedir", "."), "../../docs/metrics/cockroachdb.md").normalize();
        String docText = Files.readString(doc);
        Set<String> undocumented = new TreeSet<>();
        for (String f : families(labelled.samples())) {
            if (f.startsWith("dbtools_scrape_") || f.equals("dbtools_up") || f.equals("dbtools_server_info")) continue; // runtime, docs/metrics.md
            if (!docText.contains("`" + f + "`")) undocumented.add(f);
        }
        assertEquals(Set.of(), undocumented, "served but not in " + doc);
    }

    @Test
    void on_a_real_postgresql_no_cockroachdb_collector_runs_even_when_asked_for() {
        Target target = TestPostgres.target("flavor-pg", TestPostgres.get().getPort(),
                new CollectorSelection(Set.of(), CRDB_COLLECTORS, Set.of()), Map.of());
        Scrapes s = Scrapes.probe(target);
        assertEquals(1.0, s.require("dbtools_up"));
        Set<String> ran = ranCollectors(s.samples());
        assertTrue(ran.stream().noneMatch(CRDB_COLLECTORS::contains), ran.toString());
        assertTrue(ran.containsAll(Set.of("pg_stat_activity", "pg_locks", "pg_database_size")), ran.toString());
        assertTrue(s.familyNames().stream().noneMatch(f -> f.startsWith("dbtools_cockroachdb_")), s.familyNames().toString());
    }

    @Test
    void each_collector_supports_only_its_own_flavor() {
        ServerInfo postgres = PgIdentity.fromBanner("PostgreSQL 16.4 on x86_64-pc-linux-gnu", "16.4 (Debian 16.4-1.pgdg120+1)");
        for (Collector<PgSource> c : PgCollectors.all()) {
            String name = c.info().name();
            if (CRDB_COLLECTORS.contains(name)) {
                assertFalse(c.supports(postgres), name);
                assertTrue(c.supports(Cockroach.server("23.1.0")) && c.supports(Cockroach.server("25.2.1")), name);
                assertFalse(c.supports(Cockroach.server("22.2.19")), name);
            } else {
                for (String v : List.of("22.2.19", "23.1.11", "24.1.5", "25.2.1")) {
                    assertFalse(c.supports(Cockroach.server(v)), name + " on CockroachDB " + v);
                }
            }
        }
        assertEquals(6, CRDB_COLLECTORS.size());
        assertEquals(21, PG_COLLECTORS.size());
    }
}
