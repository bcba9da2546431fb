package io.dbtools.mongodb;

import io.dbtools.plugin.MetricSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link MetricSink} that keeps every sample, for assertions on what a collector wrote. */
public final class Samples implements MetricSink {

    public record Sample(String type, String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples = new ArrayList<>();

    @Override
    public void gauge(String name, String help, double value, String... labelPairs) {
        add("gauge", name, value, labelPairs);
    }

    @Override
    public void counter(String name, String help, double value, String... labelPairs) {
        if (!name.endsWith("_total")) throw new AssertionError("counter without _total: " + name);
        add("counter", name, value, labelPairs);
    }

    @Override
    public void info(String name, String help, String... labelPairs) {
        add("info", name, 1, labelPairs);
    }

    private void add(String type, String name, double value, String[] pairs) {
        if (pairs.length % 2 != 0) throw new AssertionError("odd label pairs for " + name + ": " + Arrays.toString(pairs));
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) labels.put(pairs[i], pairs[i + 1]);
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().equals(labels)) throw new AssertionError("duplicate series " + name + labels);
        }
        samples.add(new Sample(type, name, labels, value));
    }

    /** The value of the one series with this name and exactly these labels. */
    public double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) labels.put(labelPairs[i], labelPairs[i + 1]);
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + name + labels + " among " + names()))
                .value();
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    public List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    public List<String> names() {
        return samples.stream().map(Sample::name).distinct().sorted().toList();
    }

    public List<Sample> all() {
        return List.copyOf(samples);
    }
}
