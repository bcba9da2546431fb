package io.dbtools.api.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real server binary (Prometheus, Alertmanager) run by a test on a free local port, its output
 * in a log file shown when it fails to start. A missing binary fails the test with the Debian
 * package to install: these tests are about the real thing and are never skipped.
 */
public final class ExternalProcess implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final URI base;
    private final Path log;

    private ExternalProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** The executable on PATH, or an AssertionError naming the package. */
    public static Path tool(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("'" + command + "' not found on PATH: install the Debian package '" + debianPackage + "'");
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code command} and waits until {@code base + readyPath} answers 200. */
    static ExternalProcess start(List<String> command, int port, Path workDir, String readyPath) {
        URI base = URI.create("http://127.0.0.1:" + port);
        Path log = workDir.resolve("process.log");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ExternalProcess running = new ExternalProcess(p, base, log);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (HTTP.send(HttpRequest.newBuilder(base.resolve(readyPath)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return running;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                if (!p.isAlive()) {
                    throw new AssertionError(command.get(0) + " exited: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            running.close();
            throw new AssertionError(command.get(0) + " not ready within 30 s: " + Files.readString(log));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI base() {
        return base;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " → " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
