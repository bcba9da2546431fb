package io.dbtools.exporter.testing;

import io.dbtools.exporter.SampleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads samples back out of a {@link SampleBuffer} by name and labels. */
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
            throw new AssertionError(matches.size() + " samples of " + name + Arrays.toString(labels) + " in " + describe(buffer, name));
        }
        return matches.get(0).value();
    }

    private static String describe(SampleBuffer buffer, String name) {
        StringBuilder sb = new StringBuilder();
        for (SampleBuffer.Sample s : of(buffer, name)) sb.append(Arrays.toString(s.labelPairs())).append('=').append(s.value()).append(' ');
        return sb.toString();
    }
}
