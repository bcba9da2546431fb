package io.dbtools.plugin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A comparable major.minor.patch version, enough for every engine's gates. */
public record Version(int major, int minor, int patch) implements Comparable<Version> {

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    /** Parses the first {@code N[.N[.N]]} found in the text, e.g. "16.4 (Debian 16.4-1)" or "v23.1.11". */
    public static Version parse(String text) {
        Matcher m = NUMBERS.matcher(text == null ? "" : text);
        if (!m.find()) {
            throw new IllegalArgumentException("no version number in: " + text);
        }
        return new Version(group(m, 1), group(m, 2), group(m, 3));
    }

    private static int group(Matcher m, int i) {
        return m.group(i) == null ? 0 : Integer.parseInt(m.group(i));
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        return c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
