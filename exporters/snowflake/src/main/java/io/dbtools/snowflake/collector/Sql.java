package io.dbtools.snowflake.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a collector's SQL from the {@code .sql} resource named after its source view and fills its
 * {@code ${name}} placeholders. Only validated integers are substituted (windows and limits, which
 * Snowflake does not accept as bind variables everywhere), so no text from a target reaches the SQL.
 */
public final class Sql {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private Sql() {}

    public static String load(String name, Map<String, Integer> parameters) {
        String template;
        try (InputStream in = Sql.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing SQL resource " + name);
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Integer value = parameters.get(m.group(1));
            if (value == null) throw new IllegalStateException(name + ": no value for ${" + m.group(1) + "}");
            m.appendReplacement(out, String.valueOf(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
