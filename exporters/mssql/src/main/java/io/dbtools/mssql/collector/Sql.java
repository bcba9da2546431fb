package io.dbtools.mssql.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads a collector's SQL from the {@code .sql} resource named after its source view. */
final class Sql {

    private Sql() {}

    static String load(String name) {
        try (InputStream in = Sql.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing SQL resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
