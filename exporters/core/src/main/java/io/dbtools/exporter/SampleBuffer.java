package io.dbtools.exporter;

import io.dbtools.plugin.MetricSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Collects one collector's (or the runtime's) samples, grouped by family, in emission order. */
public final class SampleBuffer implements MetricSink {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public enum Type { GAUGE, COUNTER, INFO }

    public record Sample(String[] labelPairs, double value) {}

    public record Family(String name, Type type, String help, List<Sample> samples) {}

    private final Map<String, Family> families = new LinkedHashMap<>();

    @Override
    public void gauge(String name, String help, double value, String... labelPairs) {
        add(name, Type.GAUGE, help, value, labelPairs);
    }

    @Override
    public void counter(String name, String help, double value, String... labelPairs) {
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("counter name must end in _total: " + name);
        }
        add(name, Type.COUNTER, help, value, labelPairs);
    }

    @Override
    public void info(String name, String help, String... labelPairs) {
        if (!name.endsWith("_info")) {
            throw new IllegalArgumentException("info metric name must end in _info: " + name);
        }
        add(name, Type.INFO, help, 1, labelPairs);
    }

    private void add(String name, Type type, String help, double value, String[] labelPairs) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name: " + name);
        }
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException(name + ": labels must be name/value pairs");
        }
        String[] pairs = labelPairs.clone();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!LABEL_NAME.matcher(pairs[i]).matches()) {
                throw new IllegalArgumentException(name + ": invalid label name " + pairs[i]);
            }
            if (pairs[i + 1] == null) pairs[i + 1] = "";
        }
        Family f = families.computeIfAbsent(name, n -> new Family(n, type, help, new ArrayList<>()));
        if (f.type() != type) {
            throw new IllegalArgumentException(name + " emitted as both " + f.type() + " and " + type);
        }
        f.samples().add(new Sample(pairs, value));
    }

    public Iterable<Family> families() {
        return families.values();
    }

    public boolean isEmpty() {
        return families.isEmpty();
    }

    /** Appends another buffer's samples, e.g. a collector's into its target's. */
    public void addAll(SampleBuffer other) {
        for (Family f : other.families.values()) {
            for (Sample s : f.samples()) {
                add(f.name(), f.type(), f.help(), s.value(), s.labelPairs());
            }
        }
    }

    public int sampleCount() {
        int n = 0;
        for (Family f : families.values()) n += f.samples().size();
        return n;
    }
}
