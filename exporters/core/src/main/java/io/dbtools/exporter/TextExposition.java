package io.dbtools.exporter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes targets' samples straight to the Prometheus text format (0.0.4) or OpenMetrics 1.0, one
 * family per name, every sample labelled with its target's {@code tenant}, {@code server} and
 * {@code engine}.
 *
 * <p>Why not client_java's writers, which the exporter used first: building snapshots (sorted,
 * validated {@code Labels} per sample) and then writing them through a synchronized
 * {@code Writer} one label at a time was about half of the exporter's CPU per scrape in profiles.
 * The samples here are already validated by {@link SampleBuffer}, so this only formats. The
 * exporter's own metrics (histograms included) still go through client_java, and so does the
 * protobuf format. {@code TextExpositionTest} checks the output against client_java's for the
 * same samples, and the app's end-to-end test runs {@code promtool check metrics} on it.
 */
public final class TextExposition {

    public enum Format { TEXT, OPENMETRICS }

    private TextExposition() {}

    /** Appends every family of {@code parts} to {@code out}; OpenMetrics' {@code # EOF} is the caller's to add. */
    public static void write(StringBuilder out, List<Exposition.Labelled> parts, Format format) {
        Map<String, Merged> families = new LinkedHashMap<>();
        for (Exposition.Labelled part : parts) {
            String targetLabels = labels(part.targetLabels());
            for (SampleBuffer.Family f : part.samples().families()) {
                Merged m = families.computeIfAbsent(f.name(), n -> new Merged(f));
                for (SampleBuffer.Sample s : f.samples()) {
                    String labels = s.labelPairs().length == 0 ? targetLabels : targetLabels + "," + labels(s.labelPairs());
                    // A duplicate label set is a collector bug; keep the first rather than fail the scrape.
                    if (m.seen.add(labels)) {
                        m.lines.add(labels);
                        m.values.add(s.value());
                    }
                }
            }
        }
        for (Merged m : families.values()) {
            m.writeTo(out, format);
        }
    }

    private static final class Merged {
        final SampleBuffer.Family family;
        final Set<String> seen = new HashSet<>();
        final List<String> lines = new ArrayList<>();
        final List<Double> values = new ArrayList<>();

        Merged(SampleBuffer.Family family) {
            this.family = family;
        }

        void writeTo(StringBuilder out, Format format) {
            String name = family.name();
            String sampleName = name;
            String metaName = name;
            String type = switch (family.type()) {
                case GAUGE -> "gauge";
                case COUNTER -> "counter";
                case INFO -> format == Format.OPENMETRICS ? "info" : "gauge";
            };
            if (format == Format.OPENMETRICS && family.type() != SampleBuffer.Type.GAUGE) {
                // OpenMetrics names the family without the _total / _info suffix its samples carry.
                metaName = name.substring(0, name.lastIndexOf('_'));
            }
            if (format == Format.OPENMETRICS) {
                out.append("# TYPE ").append(metaName).append(' ').append(type).append('\n');
                help(out.append("# HELP ").append(metaName).append(' '), family.help(), true).append('\n');
            } else {
                help(out.append("# HELP ").append(metaName).append(' '), family.help(), false).append('\n');
                out.append("# TYPE ").append(metaName).append(' ').append(type).append('\n');
            }
            for (int i = 0; i < lines.size(); i++) {
                out.append(sampleName).append('{').append(lines.get(i)).append("} ");
                value(out, values.get(i));
                out.append('\n');
            }
        }
    }

    /** {@code a="x",b="y"} with label values escaped as both formats require. */
    static String labels(String[] pairs) {
        StringBuilder b = new StringBuilder(pairs.length * 12);
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) b.append(',');
            b.append(pairs[i]).append("=\"");
            escape(b, pairs[i + 1] == null ? "" : pairs[i + 1]);
            b.append('"');
        }
        return b.toString();
    }

    private static void escape(StringBuilder b, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
    }

    /** HELP text: backslash and newline escaped; OpenMetrics also escapes double quotes. */
    private static StringBuilder help(StringBuilder b, String help, boolean quotes) {
        String h = help == null ? "" : help;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == '\\') b.append("\\\\");
            else if (c == '\n') b.append("\\n");
            else if (c == '"' && quotes) b.append("\\\"");
            else b.append(c);
        }
        return b;
    }

    /** Whole numbers (counts, bytes, timestamps) without a fraction or exponent; the rest as Java prints doubles. */
    static void value(StringBuilder b, double v) {
        if (Double.isNaN(v)) {
            b.append("NaN");
        } else if (Double.isInfinite(v)) {
            b.append(v > 0 ? "+Inf" : "-Inf");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            b.append((long) v);
        } else {
            b.append(v);
        }
    }
}
