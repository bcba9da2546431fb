package io.dbtools.api.job;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Five-field Unix cron, evaluated in UTC; cron-utils parses, describes and steps through it. */
public final class Cron {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronDescriptor DESCRIBER = CronDescriptor.instance(Locale.ENGLISH);

    /** A checked expression: its description and a way to step through its times. */
    public record Parsed(String expression, String description, ExecutionTime times) {

        public Optional<Instant> next(Instant after) {
            return times.nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
        }

        public List<Instant> next(Instant after, int count) {
            List<Instant> out = new ArrayList<>();
            Instant at = after;
            for (int i = 0; i < count; i++) {
                Optional<Instant> n = next(at);
                if (n.isEmpty()) {
                    break;
                }
                out.add(n.get());
                at = n.get();
            }
            return out;
        }
    }

    private Cron() {}

    /** @throws IllegalArgumentException with a message fit for a 400 */
    public static Parsed parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required, e.g. '0 2 * * *'");
        }
        String e = expression.strip().replaceAll("\\s+", " ");
        try {
            var cron = PARSER.parse(e);
            cron.validate();
            String text = DESCRIBER.describe(cron);
            // cron-utils says "at 02:00"; a daily schedule reads better as "At 02:00 every day".
            if (e.endsWith("* * *") && !text.contains("day")) {
                text = text + " every day";
            }
            return new Parsed(e, Character.toUpperCase(text.charAt(0)) + text.substring(1), ExecutionTime.forCron(cron));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("not a five-field cron expression (minute hour day-of-month month day-of-week): "
                    + ex.getMessage());
        }
    }
}
