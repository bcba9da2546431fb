package io.dbtools.snowflake;

import io.dbtools.plugin.MetricSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps what a collector wrote, so tests can look samples up by name and labels. */
public final class RecordingSink implements MetricSink {

    public record Sample(String type, String name, double value, Map<String, String> labels) {}

    public final List<Sample> samples = new ArrayList<>();

    @Override
    public void gauge(String name, String help, double value, String... labelPairs) {
        samples.add(new Sample("gauge", name, value, labels(labelPairs)));
    }

    @Override
    public void counter(String name, String help, double value, String... labelPairs) {
        samples.add(new Sample("counter", name, value, labels(labelPairs)));
    }

    @Override
    public void info(String name, String help, String... labelPairs) {
        samples.add(new Sample("info", name, 1, labels(labelPairs)));
    }

    public Optional<Sample> find(String name, String... labelPairs) {
        Map<String, String> wanted = labels(labelPairs);
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).findFirst();
    }

    /** The value of the one sample with exactly these labels; fails when there is none. */
    public double value(String name, String... labelPairs) {
        return find(name, labelPairs).orElseThrow(() -> new AssertionError(
                "no sample " + name + labels(labelPairs) + " in " + samples)).value();
    }

    public List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }
}
