package io.dbtools.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void samples_of_many_targets_merge_into_one_family_each_with_target_labels() throws Exception {
        SampleBuffer a = new SampleBuffer();
        a.counter("dbtools_postgres_deadlocks_total", "Deadlocks detected.", 3, "datname", "app");
        a.info("dbtools_server_info", "What the server is.", "version", "16.4");
        SampleBuffer b = new SampleBuffer();
        b.counter("dbtools_postgres_deadlocks_total", "Deadlocks detected.", 0, "datname", "app");
        var snapshots = Exposition.toSnapshots(List.of(
                new Exposition.Labelled(new String[] {"tenant", "acme", "server", "a", "engine", "postgres"}, a),
                new Exposition.Labelled(new String[] {"tenant", "acme", "server", "b", "engine", "postgres"}, b)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, snapshots);
        assertEquals("""
                # HELP dbtools_postgres_deadlocks_total Deadlocks detected.
                # TYPE dbtools_postgres_deadlocks_total counter
                dbtools_postgres_deadlocks_total{datname="app",engine="postgres",server="a",tenant="acme"} 3.0
                dbtools_postgres_deadlocks_total{datname="app",engine="postgres",server="b",tenant="acme"} 0.0
                # HELP dbtools_server_info What the server is.
                # TYPE dbtools_server_info gauge
                dbtools_server_info{engine="postgres",server="a",tenant="acme",version="16.4"} 1
                """, out.toString());
    }

    @Test
    void a_duplicate_label_set_keeps_the_first_sample_instead_of_failing_the_scrape() throws Exception {
        SampleBuffer a = new SampleBuffer();
        a.gauge("dbtools_x", "x", 1, "k", "v");
        a.gauge("dbtools_x", "x", 2, "k", "v");
        var snapshots = Exposition.toSnapshots(List.of(new Exposition.Labelled(new String[] {"tenant", "t"}, a)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, snapshots);
        assertEquals("# HELP dbtools_x x\n# TYPE dbtools_x gauge\ndbtools_x{k=\"v\",tenant=\"t\"} 1.0\n", out.toString());
    }
}
