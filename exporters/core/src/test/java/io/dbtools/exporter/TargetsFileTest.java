package io.dbtools.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.testing.FakePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsFileTest {

    @TempDir
    Path dir;

    private final TargetsFile loader = new TargetsFile(new PluginRegistry(List.of(
            new FakePlugin().collector("sizes", Duration.ZERO, Duration.ZERO, new AtomicInteger(), null))));

    private Path write(String yaml) throws Exception {
        Path f = dir.resolve("targets.yml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void a_valid_file_gives_targets_with_defaults_applied() throws Exception {
        var targets = loader.load(write("""
                defaults:
                  tenant: acme
                  username: monitor
                  password: env:PGPASSWORD
                targets:
                  - name: db-1
                    engine: fake
                    host: db1.internal
                    labels: {env: prod}
                    collectors: {exclude: [sizes]}
                  - name: db-2
                    tenant: globex
                    engine: fake
                    host: db2.internal
                    port: 6543
                """));
        assertEquals(2, targets.size());
        var first = targets.get(0);
        assertEquals("acme", first.tenant());
        assertEquals("db-1", first.server());
        assertEquals(1234, first.port(), "engine default port");
        assertEquals("env:PGPASSWORD", first.credentials().password().toString());
        assertEquals(Map.of("env", "prod"), first.labels());
        assertEquals(6543, targets.get(1).port());
        assertEquals("globex", targets.get(1).tenant());
    }

    @Test
    void every_problem_is_reported_with_file_target_and_field() throws Exception {
        Path f = write("""
                targets:
                  - name: db-1
                    tenant: Acme Corp
                    engine: pgsql
                    host: db1
                    password: hunter2
                    username: u
                  - name: db-2
                    tenant: acme
                    engine: fake
                    host: db2
                    port: 70000
                    pasword: env:X
                    username: u
                    password: env:X
                    collectors: {include: [nope]}
                  - name: db-2
                    tenant: acme
                    engine: fake
                    host: db3
                    username: u
                    password: file:/run/secret
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains(f + ": target #1 'db-1': field 'tenant': must be 3-50 lowercase"), all);
        assertTrue(all.contains("target #1 'db-1': field 'engine': unknown engine 'pgsql' (known: [fake])"), all);
        assertTrue(all.contains("target #1 'db-1': field 'password': a secret must be given as env:VAR"), all);
        assertTrue(all.contains("target #2 'db-2': field 'port': must be a number from 1 to 65535"), all);
        assertTrue(all.contains("target #2 'db-2': field 'pasword': unknown field"), all);
        assertTrue(all.contains("target #2 'db-2': field 'collectors.include': unknown collector 'nope'"), all);
        assertTrue(all.contains("target #3 'db-2': field 'name': duplicate target name 'db-2'"), all);
        assertTrue(!all.contains("hunter2"), "a mistyped password must not be echoed: " + all);
    }

    @Test
    void an_empty_file_says_what_is_expected() throws Exception {
        Path f = write("targets: []\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(List.of(f + ": field 'targets': must be a non-empty list"), e.problems());
    }
}
