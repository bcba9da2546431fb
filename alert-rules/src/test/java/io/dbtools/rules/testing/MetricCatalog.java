package io.dbtools.rules.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dbtools_* metric names this branch can vouch for: string literals in the exporters' main
 * sources and names in the metrics reference (docs/metrics.md, docs/metrics/*.md); plus the
 * allow-list (alert-rules/metric-allowlist.txt) of names from plugins not merged here yet.
 */
public final class MetricCatalog {

    private static final Pattern JAVA_LITERAL = Pattern.compile("\"(dbtools_[a-z0-9_]*[a-z0-9])\"");
    private static final Pattern DOC_NAME = Pattern.compile("`(dbtools_[a-z0-9_]*[a-z0-9])`");
    /** A raw metric name in PromQL; recording rules (dbtools:...) have a colon and do not match. */
    public static final Pattern QUERY_NAME = Pattern.compile("\\b(dbtools_[a-z0-9_]*[a-z0-9])\\b");
    private static final Set<String> HISTOGRAM_SUFFIXES = Set.of("_bucket", "_sum", "_count");

    private final Set<String> emitted;
    private final Map<String, String> allowed;

    private MetricCatalog(Set<String> emitted, Map<String, String> allowed) {
        this.emitted = emitted;
        this.allowed = allowed;
    }

    public static MetricCatalog load() {
        Path root = Repo.root();
        Set<String> names = new TreeSet<>();
        for (Path src : Repo.files(root.resolve("exporters"), ".java")) {
            if (src.toString().contains("/src/main/")) {
                collect(JAVA_LITERAL, Repo.read(src), names);
            }
        }
        Path docs = root.resolve("docs");
        if (Files.isRegularFile(docs.resolve("metrics.md"))) {
            collect(DOC_NAME, Repo.read(docs.resolve("metrics.md")), names);
        }
        if (Files.isDirectory(docs.resolve("metrics"))) {
            for (Path md : Repo.files(docs.resolve("metrics"), ".md")) {
                collect(DOC_NAME, Repo.read(md), names);
            }
        }
        Map<String, String> allowed = new TreeMap<>();
        for (String line : Repo.read(Repo.alertRules().resolve("metric-allowlist.txt")).split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+", 2);
            allowed.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return new MetricCatalog(names, allowed);
    }

    private static void collect(Pattern p, String text, Set<String> into) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    /** Names referenced in a PromQL expression. */
    public static Set<String> referencedIn(String promql) {
        Set<String> out = new TreeSet<>();
        collect(QUERY_NAME, promql, out);
        return out;
    }

    /** Known from the code or the docs of this branch (histogram series count as their family). */
    public boolean emitted(String name) {
        if (emitted.contains(name)) {
            return true;
        }
        return HISTOGRAM_SUFFIXES.stream().anyMatch(s -> name.endsWith(s) && emitted.contains(name.substring(0, name.length() - s.length())));
    }

    public boolean allowListed(String name) {
        return allowed.containsKey(name);
    }

    /** Allow-listed names with the plugin or component each is expected from. */
    public Map<String, String> allowList() {
        return allowed;
    }
}
