package io.dbtools.exporter;

import io.dbtools.plugin.MetricSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects one collector's (or the runtime's) samples, grouped by family, in emission order. */
public final class SampleBuffer implements MetricSink {


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
        Family f = families.get(name);
        if (f == null) { // a family's name is checked once, when it first appears
            if (!validName(name, true)) {
                throw new IllegalArgumentException("invalid metric name: " + name);
            }
            f = new Family(name, type, help, new ArrayList<>());
            families.put(name, f);
        } else if (f.type() != type) {
            throw new IllegalArgumentException(name + " emitted as both " + f.type() + " and " + type);
        }
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException(name + ": labels must be name/value pairs");
        }
        String[] pairs = labelPairs.clone();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!validName(pairs[i], false)) {
                throw new IllegalArgumentException(name + ": invalid label name " + pairs[i]);
            }
            if (pairs[i + 1] == null) pairs[i + 1] = "";
        }
        f.samples().add(new Sample(pairs, value));
    }

    /**
     * {@code [a-zA-Z_:][a-zA-Z0-9_:]*} for metric names, the same without {@code :} for label names.
     * A loop, not a regex: it runs for every label of every sample, and a regex match there was a
     * sixth of a scrape's CPU in profiles.
     */
    static boolean validName(String name, boolean colonAllowed) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                    || (colonAllowed && c == ':') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) return false;
        }
        return true;
    }

    public Iterable<Family> families() {
        return families.values();
    }

    public boolean isEmpty() {
        return families.isEmpty();
    }

    /** Appends another buffer's samples, e.g. a collector's into its target's; they were checked when emitted. */
    public void addAll(SampleBuffer other) {
        for (Family f : other.families.values()) {
            Family mine = families.get(f.name());
            if (mine == null) {
                mine = new Family(f.name(), f.type(), f.help(), new ArrayList<>(f.samples().size()));
                families.put(f.name(), mine);
            } else if (mine.type() != f.type()) {
                throw new IllegalArgumentException(f.name() + " emitted as both " + mine.type() + " and " + f.type());
            }
            mine.samples().addAll(f.samples()); // samples are immutable once emitted
        }
    }

    public int sampleCount() {
        int n = 0;
        for (Family f : families.values()) n += f.samples().size();
        return n;
    }
}
