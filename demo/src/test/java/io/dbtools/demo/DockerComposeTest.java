package io.dbtools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml describes the stack the tests run natively; no Docker engine runs here, so the
 * file is validated by Debian's docker-compose and every file it mounts must exist in the repo.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void docker_compose_config_accepts_the_file() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("DBTOOLS_SECRET_KEY", "test-key");
        pb.environment().put("DBTOOLS_ADMIN_TOKEN", "test-token");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("docker-compose is missing: install the Debian package 'docker-compose'", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void every_file_the_stack_mounts_or_builds_from_is_in_the_repository() throws Exception {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        List<String> missing = new ArrayList<>();
        Matcher m = Pattern.compile("\\./([A-Za-z0-9_./-]+):/").matcher(compose);
        int checked = 0;
        while (m.find()) {
            String path = m.group(1);
            checked++;
            if (path.startsWith("deploy/secrets/")) continue; // operator-provided tokens, never committed
            if (!Files.exists(ROOT.resolve(path))) missing.add(path);
        }
        Matcher d = Pattern.compile("dockerfile: ([A-Za-z0-9_./-]+)").matcher(compose);
        while (d.find()) {
            checked++;
            if (!Files.exists(ROOT.resolve(d.group(1)))) missing.add(d.group(1));
        }
        assertTrue(checked >= 8, "expected the stack's mounts, found " + checked);
        assertEquals(List.of(), missing);
    }
}
