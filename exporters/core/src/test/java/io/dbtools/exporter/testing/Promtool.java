package io.dbtools.exporter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's {@code promtool}, the reference linter for the exposition format. */
public final class Promtool {

    public record Result(int exitCode, String output) {}

    private Promtool() {}

    public static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) return p;
        }
        Path usrBin = Path.of("/usr/bin/promtool");
        if (Files.isExecutable(usrBin)) return usrBin;
        throw new AssertionError("promtool not found on PATH or in /usr/bin: install the Debian package 'prometheus' "
                + "(apt-get install prometheus), which ships promtool");
    }

    /** {@code promtool check metrics} on an exposition text. */
    public static Result checkMetrics(String exposition) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(find().toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish in 30 s");
        }
        return new Result(p.exitValue(), out);
    }
}
