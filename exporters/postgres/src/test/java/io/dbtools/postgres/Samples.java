package io.dbtools.postgres;

import io.dbtools.exporter.SampleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads samples back out of a {@link SampleBuffer} a collector wrote, by name and exact labels. */
public final class Samples {

    private Samples() {}

    public static List<SampleBuffer.Sample> of(SampleBuffer buffer, String name) {
        for (SampleBuffer.Family f : buffer.families()) {
            if (f.name().equals(name)) return f.samples();
        }
        return List.of();
    }

    public static SampleBuffer.Type type(SampleBuffer buffer, String name) {
        for (SampleBuffer.Family f : buffer.families()) {
            if (f.name().equals(name)) return f.type();
        }
        throw new AssertionError("no family " + name);
    }

    /** The one sample with exactly these labels. */
    public static double value(SampleBuffer buffer, String name, String... labels) {
        List<SampleBuffer.Sample> matches = new ArrayList<>();
        for (SampleBuffer.Sample s : of(buffer, name)) {
            if (Arrays.equals(s.labelPairs(), labels)) matches.add(s);
        }
        if (matches.size() != 1) {
            StringBuilder sb = new StringBuilder();
            for (SampleBuffer.Sample s : of(buffer, name)) sb.append(Arrays.toString(s.labelPairs())).append('=').append(s.value()).append(' ');
            throw new AssertionError(matches.size() + " samples of " + name + Arrays.toString(labels) + " in " + sb);
        }
        return matches.get(0).value();
    }
}
