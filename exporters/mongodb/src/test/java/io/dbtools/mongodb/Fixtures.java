package io.dbtools.mongodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bson.Document;

/** Recorded real command replies from src/test/resources/fixtures/mongodb (see SOURCES.md there). */
public final class Fixtures {

    private Fixtures() {}

    public static Document document(String file) {
        return Document.parse(text(file));
    }

    /** A file holding a JSON array of documents (aggregation results). */
    public static List<Document> documents(String file) {
        return Document.parse("{\"results\": " + text(file) + "}").getList("results", Document.class);
    }

    private static String text(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/mongodb/" + file)) {
            if (in == null) throw new IllegalStateException("missing fixture " + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
