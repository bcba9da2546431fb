package io.dbtools.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics/postgres.md and docs/metrics/cockroachdb.md name every metric the collectors can emit, including
 * those a test cannot produce (standby-only, archive failures): the end-to-end tests cover what is served, this one
 * what is written in the collectors. CockroachDB collectors ({@code Crdb*.java}) are documented on their own page.
 */
class MetricsDocTest {

    private static final Pattern METRIC = Pattern.compile("\"(dbtools_[a-z0-9_]+)\"");
    private static final Pattern CORE = Pattern.compile("CoreMetrics\\.([A-Z_]+)");
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));

    @Test
    void every_metric_name_in_the_postgresql_collectors_is_documented_in_docs_metrics_postgres_md() throws IOException {
        Set<String> names = namesIn(f -> !f.getFileName().toString().startsWith("Crdb"));
        assertTrue(names.size() > 90, "found " + names.size() + " metric names; the scan is broken");
        assertDocumented(names, "postgres.md");
    }

    @Test
    void every_metric_name_in_the_cockroachdb_collectors_is_documented_in_docs_metrics_cockroachdb_md() throws IOException {
        Set<String> names = namesIn(f -> f.getFileName().toString().startsWith("Crdb"));
        assertTrue(names.size() > 20, "found " + names.size() + " metric names; the scan is broken");
        assertTrue(names.stream().allMatch(n -> n.startsWith("dbtools_cockroachdb_") || isCore(n)), names.toString());
        assertDocumented(names, "cockroachdb.md");
    }

    private static Set<String> namesIn(Predicate<Path> files) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> all = Files.list(MODULE.resolve("src/main/java/io/dbtools/postgres/collector"))) {
            for (Path f : all.filter(p -> p.toString().endsWith(".java")).filter(files).toList()) {
                String source = Files.readString(f);
                Matcher m = METRIC.matcher(source);
                while (m.find()) names.add(m.group(1));
                Matcher core = CORE.matcher(source);
                while (core.find()) names.add(coreName(core.group(1)));
            }
        }
        return names;
    }

    private static void assertDocumented(Set<String> names, String page) throws IOException {
        Path doc = MODULE.resolve("../../docs/metrics/" + page).normalize();
        assertTrue(Files.isRegularFile(doc), doc + " is missing");
        String text = Files.readString(doc);
        Set<String> missing = new TreeSet<>();
        for (String n : names) {
            if (!text.contains("`" + n + "`")) missing.add(n);
        }
        assertEquals(Set.of(), missing, "metrics in the collectors but not in " + doc);
    }

    private static boolean isCore(String name) {
        for (var field : io.dbtools.plugin.CoreMetrics.class.getFields()) {
            if (name.equals(coreName(field.getName()))) return true;
        }
        return false;
    }

    private static String coreName(String constant) {
        try {
            return (String) io.dbtools.plugin.CoreMetrics.class.getField(constant).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no CoreMetrics." + constant, e);
        }
    }
}
