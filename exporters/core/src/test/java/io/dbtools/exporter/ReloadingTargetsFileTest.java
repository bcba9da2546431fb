package io.dbtools.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.testing.FakePlugin;
import io.dbtools.exporter.testing.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingTargetsFileTest {

    private static final String ONE = """
            targets:
              - {name: db-1, tenant: acme, engine: fake, host: h1, username: u, password: env:P}
            """;
    private static final String TWO = ONE + "  - {name: db-2, tenant: acme, engine: fake, host: h2, username: u, password: env:P}\n";

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TargetsFile loader = new TargetsFile(new PluginRegistry(List.of(new FakePlugin())));

    private void write(Path f, String text, int version) throws Exception {
        Files.writeString(f, text);
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version)));
    }

    @Test
    void an_edited_file_is_picked_up_after_the_check_interval() throws Exception {
        Path f = dir.resolve("targets.yml");
        write(f, ONE, 1);
        var source = new ReloadingTargetsFile(f, loader, clock, Duration.ofSeconds(5));
        write(f, TWO, 2);
        assertEquals(1, source.all().size(), "not re-read before the interval");
        clock.advance(Duration.ofSeconds(6));
        assertEquals(2, source.all().size());
        assertTrue(source.find("db-2").isPresent());
        assertTrue(source.lastReloadSuccessful());
    }

    @Test
    void a_broken_edit_keeps_the_last_good_targets_and_is_flagged() throws Exception {
        Path f = dir.resolve("targets.yml");
        write(f, TWO, 1);
        var source = new ReloadingTargetsFile(f, loader, clock, Duration.ofSeconds(5));
        write(f, "targets:\n  - {name: db-1, engine: nope}\n", 2);
        clock.advance(Duration.ofSeconds(6));
        assertEquals(2, source.all().size());
        assertFalse(source.lastReloadSuccessful());
        write(f, ONE, 3);
        clock.advance(Duration.ofSeconds(6));
        assertEquals(1, source.all().size());
        assertTrue(source.lastReloadSuccessful());
    }
}
