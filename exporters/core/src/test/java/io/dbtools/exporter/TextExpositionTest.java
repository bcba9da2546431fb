package io.dbtools.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The exporter's own text writer must say exactly what client_java's writers say for the same samples. */
class TextExpositionTest {

    private static List<Exposition.Labelled> parts() {
        SampleBuffer a = new SampleBuffer();
        a.counter("dbtools_postgres_deadlocks_total", "Deadlocks \"detected\" \\ counted.\nSecond line.", 3, "datname", "app");
        a.counter("dbtools_postgres_deadlocks_total", "ignored", 7, "datname", "we\"ird\\name\nline");
        a.info("dbtools_server_info", "What the server is.", "version", "16.4", "flavor", "postgres");
        a.gauge("dbtools_up", "1 if the server answered.", 1);
        a.gauge("dbtools_postgres_ratio", "A fraction.", 0.125, "db", "ä€𝄞");
        a.gauge("dbtools_postgres_big", "Bytes.", 12345678901234.0);
        a.gauge("dbtools_postgres_huge", "Very big.", 1.5e300);
        a.gauge("dbtools_postgres_nan", "Not a number.", Double.NaN);
        a.gauge("dbtools_postgres_inf", "Infinite.", Double.POSITIVE_INFINITY, "side", "plus");
        a.gauge("dbtools_postgres_inf", "Infinite.", Double.NEGATIVE_INFINITY, "side", "minus");
        a.gauge("dbtools_postgres_neg", "Negative.", -42);
        a.gauge("dbtools_postgres_dup", "Duplicate label set: first wins.", 1, "k", "v");
        a.gauge("dbtools_postgres_dup", "Duplicate label set: first wins.", 2, "k", "v");
        SampleBuffer b = new SampleBuffer();
        b.counter("dbtools_postgres_deadlocks_total", "Deadlocks \"detected\" \\ counted.\nSecond line.", 0, "datname", "app");
        b.gauge("dbtools_up", "1 if the server answered.", 0);
        return List.of(
                new Exposition.Labelled(new String[] {"tenant", "acme", "server", "a", "engine", "postgres"}, a),
                new Exposition.Labelled(new String[] {"tenant", "acme", "server", "b\"q", "engine", "postgres"}, b));
    }

    private static String ours(TextExposition.Format format) {
        StringBuilder out = new StringBuilder();
        TextExposition.write(out, parts(), format);
        return out + (format == TextExposition.Format.OPENMETRICS ? "# EOF\n" : "");
    }

    private static String clientJava(ExpositionFormatWriter writer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, Exposition.toSnapshots(parts()));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void text_format_matches_client_java() throws Exception {
        assertSameExposition(clientJava(new PrometheusTextFormatWriter(false)), ours(TextExposition.Format.TEXT));
    }

    @Test
    void openmetrics_matches_client_java() throws Exception {
        String ours = ours(TextExposition.Format.OPENMETRICS);
        assertSameExposition(clientJava(OpenMetricsTextFormatWriter.create()), ours);
        assertTrue(ours.contains("# TYPE dbtools_postgres_deadlocks counter\n"), ours);
        assertTrue(ours.contains("# TYPE dbtools_server info\n"), ours);
    }

    @Test
    void whole_numbers_are_written_without_a_fraction() {
        StringBuilder b = new StringBuilder();
        for (double v : new double[] {0, 3, -42, 12345678901234.0, 0.125, 1.5e300, 1e15}) {
            TextExposition.value(b, v);
            b.append(' ');
        }
        assertEquals("0 3 -42 12345678901234 0.125 1.5E300 1.0E15 ", b.toString());
    }

    /**
     * The same families with the same comment lines and the same samples. Order may differ (client_java
     * sorts families, samples and label names; the exporter keeps emission order), and so may the
     * spelling of a number ({@code 3} vs {@code 3.0}).
     */
    private static void assertSameExposition(String expected, String actual) {
        assertEquals(normalize(expected), normalize(actual), "client_java:\n" + expected + "\nours:\n" + actual);
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private static List<String> normalize(String exposition) {
        List<String> families = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        for (String line : (exposition + "# TYPE end\n").split("\n")) {
            if (line.startsWith("# TYPE") && !samples.isEmpty() || line.startsWith("# HELP") && !samples.isEmpty()) {
                Collections.sort(samples);
                families.add(String.join("\n", comments) + "\n" + String.join("\n", samples));
                comments.clear();
                samples.clear();
            }
            if (line.equals("# EOF")) {
                assertTrue(exposition.endsWith("\n# EOF\n"), "# EOF must be the last line");
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line);
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a sample line: " + line);
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                int end = 0;
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                    end = l.end();
                }
                assertEquals(m.group(2).length(), end, "unparsed labels in " + line);
            }
            String v = m.group(3);
            double d = switch (v) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(v);
            };
            samples.add(m.group(1) + labels + " " + d);
        }
        Collections.sort(families);
        return families;
    }

}
