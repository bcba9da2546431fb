package io.dbtools.rules.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the real command-line tools the mixin is checked with. A missing tool fails the test
 * with the Debian package to install: these checks are the point of the module, never skipped.
 */
public record Tool(String command, String debianPackage) {

    public static final Tool JSONNET = new Tool("jsonnet", "jsonnet");
    public static final Tool JSONNETFMT = new Tool("jsonnetfmt", "jsonnet");
    public static final Tool PROMTOOL = new Tool("promtool", "prometheus");
    public static final Tool AMTOOL = new Tool("amtool", "prometheus-alertmanager");
    public static final Tool BASH = new Tool("bash", "bash");
    public static final Tool ALERTMANAGER = new Tool("prometheus-alertmanager", "prometheus-alertmanager");

    /** What a run printed (stdout and stderr merged) and how it ended. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public Path path() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return fail("'" + command + "' not found on PATH: install the Debian package '" + debianPackage
                + "' (apt-get install " + debianPackage + ")");
    }

    public Result run(Path workDir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(path().toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return fail(String.join(" ", cmd) + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail("could not run " + String.join(" ", cmd) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + command);
        }
    }

    /** Runs and fails the test, showing the tool's output, unless it exits with 0. */
    public String runOk(Path workDir, String... args) {
        Result r = run(workDir, args);
        if (!r.ok()) {
            fail(command + " " + String.join(" ", args) + " exited with " + r.exitCode() + ":\n" + r.output());
        }
        return r.output();
    }
}
