package io.dbtools.exporter;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the samples of many targets into one set of client_java snapshots: one family per name,
 * each sample labelled with its target's {@code tenant}, {@code server} and {@code engine}.
 */
public final class Exposition {

    private Exposition() {}

    /** One target's samples and the labels that identify it. */
    public record Labelled(String[] targetLabels, SampleBuffer samples) {}

    public static MetricSnapshots toSnapshots(List<Labelled> parts) {
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (Labelled part : parts) {
            Labels target = Labels.of(part.targetLabels()); // once per target, not per sample
            for (SampleBuffer.Family f : part.samples().families()) {
                Merged m = merged.computeIfAbsent(f.name(), n -> new Merged(f));
                for (SampleBuffer.Sample s : f.samples()) {
                    Labels labels = s.labelPairs().length == 0 ? target : target.merge(Labels.of(s.labelPairs()));
                    // A duplicate label set is a collector bug; keep the first rather than fail the scrape.
                    if (m.seen.add(labels)) {
                        m.points.add(new Point(labels, s.value()));
                    }
                }
            }
        }
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        for (Merged m : merged.values()) {
            out.metricSnapshot(m.snapshot());
        }
        return out.build();
    }

    private record Point(Labels labels, double value) {}

    private static final class Merged {
        final SampleBuffer.Family family;
        final Set<Labels> seen = new HashSet<>();
        final List<Point> points = new ArrayList<>();

        Merged(SampleBuffer.Family family) {
            this.family = family;
        }

        MetricSnapshot snapshot() {
            String help = family.help();
            return switch (family.type()) {
                case GAUGE -> {
                    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(family.name()).help(help);
                    for (Point p : points) {
                        b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build());
                    }
                    yield b.build();
                }
                case COUNTER -> {
                    String base = family.name().substring(0, family.name().length() - "_total".length());
                    CounterSnapshot.Builder b = CounterSnapshot.builder().name(base).help(help);
                    for (Point p : points) {
                        b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build());
                    }
                    yield b.build();
                }
                case INFO -> {
                    String base = family.name().substring(0, family.name().length() - "_info".length());
                    InfoSnapshot.Builder b = InfoSnapshot.builder().name(base).help(help);
                    for (Point p : points) {
                        b.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(p.labels()).build());
                    }
                    yield b.build();
                }
            };
        }
    }
}
