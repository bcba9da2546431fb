package io.dbtools.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dbtools.plugin.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {

    @Test
    void env_and_file_references_resolve_when_asked(@TempDir Path dir) throws Exception {
        assertEquals("s3cret", SecretRef.parse("env:DB_PASS").resolve(Map.of("DB_PASS", "s3cret")::get));
        Path f = dir.resolve("pw");
        Files.writeString(f, "from-file\n");
        assertEquals("from-file", SecretRef.parse("file:" + f).resolve());
    }

    @Test
    void printing_a_reference_never_shows_an_inline_secret() {
        assertEquals("inline:***", SecretRef.parse("inline:hunter2").toString());
        assertEquals("inline:***", SecretRef.literal("hunter2").toString());
        assertEquals("env:DB_PASS", SecretRef.parse("env:DB_PASS").toString());
    }

    @Test
    void a_bare_value_is_refused_without_repeating_it() {
        var e = assertThrows(IllegalArgumentException.class, () -> SecretRef.parse("hunter2"));
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void a_missing_variable_names_the_variable() {
        var e = assertThrows(IllegalStateException.class, () -> SecretRef.parse("env:NOPE").resolve(Map.<String, String>of()::get));
        assertEquals("environment variable NOPE is not set", e.getMessage());
    }
}
