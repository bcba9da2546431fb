package io.dbtools.postgres;

import io.dbtools.exporter.Exporter;
import io.dbtools.exporter.ExporterOptions;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.exporter.SampleBuffer;
import io.dbtools.exporter.TargetSource;
import io.dbtools.plugin.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scrapes a target through the real exporter runtime (selection, version gates, deadline) with the real
 * {@link PostgresPlugin}, and reads values out of the result.
 */
public final class Scrapes {

    private final SampleBuffer samples;

    private Scrapes(SampleBuffer samples) {
        this.samples = samples;
    }

    /** One probe of the target by a fresh exporter (so refresh caches start empty). */
    public static Scrapes probe(Target target) {
        try (Exporter exporter = new Exporter(new PluginRegistry(List.of(new PostgresPlugin())), TargetSource.of(List.of(target)),
                Clock.systemUTC(), ExporterOptions.DEFAULTS)) {
            return new Scrapes(exporter.probe(target.name(), Duration.ofSeconds(20)).orElseThrow().samples());
        }
    }

    /**
     * Probes until the condition holds or the timeout passes, returning the last scrape: cumulative
     * statistics reach the views a little after the activity (up to a second).
     */
    public static Scrapes probeUntil(Target target, java.util.function.Predicate<Scrapes> condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Scrapes s = probe(target);
            if (condition.test(s) || System.nanoTime() > end) return s;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return s;
            }
        }
    }

    public SampleBuffer samples() {
        return samples;
    }

    public Set<String> familyNames() {
        Set<String> names = new TreeSet<>();
        samples.families().forEach(f -> names.add(f.name()));
        return names;
    }

    /** Every sample of a family whose labels include all the given pairs. */
    public List<SampleBuffer.Sample> find(String name, String... labelPairs) {
        List<SampleBuffer.Sample> out = new ArrayList<>();
        for (SampleBuffer.Family f : samples.families()) {
            if (!f.name().equals(name)) continue;
            for (SampleBuffer.Sample s : f.samples()) {
                if (hasLabels(s.labelPairs(), labelPairs)) out.add(s);
            }
        }
        return out;
    }

    /** The value of the one sample matching, or empty; more than one match is a test mistake. */
    public Optional<Double> value(String name, String... labelPairs) {
        List<SampleBuffer.Sample> found = find(name, labelPairs);
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " samples of " + name + " match " + Arrays.toString(labelPairs));
        }
        return found.stream().findFirst().map(SampleBuffer.Sample::value);
    }

    public double require(String name, String... labelPairs) {
        return value(name, labelPairs).orElseThrow(() -> new AssertionError(
                "no sample " + name + " " + Arrays.toString(labelPairs) + " in " + familyNames()));
    }

    public static String label(SampleBuffer.Sample s, String name) {
        for (int i = 0; i < s.labelPairs().length; i += 2) {
            if (s.labelPairs()[i].equals(name)) return s.labelPairs()[i + 1];
        }
        return null;
    }

    private static boolean hasLabels(String[] have, String[] want) {
        for (int i = 0; i < want.length; i += 2) {
            boolean found = false;
            for (int j = 0; j < have.length; j += 2) {
                if (have[j].equals(want[i]) && have[j + 1].equals(want[i + 1])) {
                    found = true;
                    break;
                }
            }
            if (!found) return false;
        }
        return true;
    }
}
