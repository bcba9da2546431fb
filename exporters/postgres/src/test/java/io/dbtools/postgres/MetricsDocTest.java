package io.dbtools.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics/postgres.md names every metric the collectors can emit, including those a test server
 * cannot produce (standby-only, archive failures): the end-to-end test covers what is served, this one
 * what is written in the collectors.
 */
class MetricsDocTest {

    private static final Pattern METRIC = Pattern.compile("\"(dbtools_[a-z0-9_]+)\"");
    private static final Pattern CORE = Pattern.compile("CoreMetrics\\.([A-Z_]+)");

    @Test
    void every_metric_name_in_the_collectors_is_documented_in_docs_metrics_postgres_md() throws IOException {
        Path module = Path.of(System.getProperty("basedir", "."));
        Path doc = module.resolve("../../docs/metrics/postgres.md").normalize();
        assertTrue(Files.isRegularFile(doc), doc + " is missing");
        String text = Files.readString(doc);
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(module.resolve("src/main/java/io/dbtools/postgres/collector"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                Matcher m = METRIC.matcher(source);
                while (m.find()) names.add(m.group(1));
                Matcher core = CORE.matcher(source);
                while (core.find()) names.add(coreName(core.group(1)));
            }
        }
        assertTrue(names.size() > 90, "found " + names.size() + " metric names; the scan is broken");
        Set<String> missing = new TreeSet<>();
        for (String n : names) {
            if (!text.contains("`" + n + "`")) missing.add(n);
        }
        assertEquals(Set.of(), missing, "metrics in the collectors but not in " + doc);
    }

    private static String coreName(String constant) {
        try {
            return (String) io.dbtools.plugin.CoreMetrics.class.getField(constant).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no CoreMetrics." + constant, e);
        }
    }
}
