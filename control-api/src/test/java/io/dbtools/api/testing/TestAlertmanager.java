package io.dbtools.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real Alertmanager (Debian's prometheus-alertmanager), no cluster, on a free port. */
public final class TestAlertmanager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExternalProcess process;

    private TestAlertmanager(ExternalProcess process) {
        this.process = process;
    }

    /** Routes everything to a receiver that sends nothing. */
    public static TestAlertmanager start() {
        return start("""
                route:
                  receiver: none
                receivers:
                  - name: none
                """);
    }

    public static TestAlertmanager start(String config) {
        return start(config, ExternalProcess.freePort());
    }

    /** On a port chosen before, for an API that must know Alertmanager's address before Alertmanager knows the API's. */
    public static TestAlertmanager start(String config, int port) {
        try {
            Path dir = Files.createTempDirectory("dbtools-test-alertmanager");
            Files.writeString(dir.resolve("alertmanager.yml"), config);
            return new TestAlertmanager(ExternalProcess.start(List.of(
                    ExternalProcess.tool("prometheus-alertmanager", "prometheus-alertmanager").toString(),
                    "--config.file=" + dir.resolve("alertmanager.yml"), "--storage.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="), port, dir, "/-/ready"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return process.base();
    }

    /** GET /api/v2/silence/{id} */
    public JsonNode silence(String id) {
        return json(process.get("/api/v2/silence/" + id));
    }

    /** GET any path of its API, as JSON. */
    public JsonNode get(String path) {
        return json(process.get(path));
    }

    public JsonNode silences() {
        return json(process.get("/api/v2/silences"));
    }

    public String log() {
        return process.log();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
