package io.dbtools.policies;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a client program within the run's deadline. Secrets go into the child's environment (or a
 * file only the child reads), never onto its command line, where {@code ps} would show them.
 */
final class ToolRun {

    /** What a finished program said: its exit code and its combined output. */
    record Finished(int exitCode, String output) {
        /** The end of the output, for an error message. */
        String tail() {
            return output.length() <= OUTPUT_TAIL ? output : "..." + output.substring(output.length() - OUTPUT_TAIL);
        }
    }

    private static final int OUTPUT_TAIL = 4000;

    private ToolRun() {}

    static Finished run(Run run, String what, List<String> command, Map<String, String> environment) throws PolicyFailure, IOException {
        run.checkTime(what);
        Path log = Files.createTempFile("dbtools-policy-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(environment);
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(Math.max(1, run.deadline().remaining().toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(p);
                Thread.currentThread().interrupt();
                throw PolicyFailure.failed(what + " was interrupted", run.result());
            }
            if (!done) {
                kill(p);
                throw run.timedOut(what);
            }
            return new Finished(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8).strip());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The program and what it started (pg_dump --jobs forks workers). */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first line of {@code program --version}, e.g. {@code pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)}. */
    static String version(Path program) throws IOException {
        Process p = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
        try {
            if (!p.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(program.getFileName() + " --version did not answer");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return out.lines().findFirst().orElse("");
    }
}
