package io.dbtools.api.alert;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus' duration syntax ({@code 1h30m}, {@code 10m}, {@code 2d}): units y, w, d, h, m, s, ms in that order. */
public final class PromDuration {

    private static final Pattern SYNTAX = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};

    private PromDuration() {}

    /** Empty when {@code text} is not a Prometheus duration (or is empty, or overflows). */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 40) {
            return Optional.empty();
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long total = 0;
        try {
            for (int i = 0; i < MILLIS.length; i++) {
                if (m.group(i + 1) != null) {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(i + 1)), MILLIS[i]));
                }
            }
        } catch (ArithmeticException | NumberFormatException overflow) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(total));
    }
}
