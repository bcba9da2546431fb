package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MongoDB backup with mongodump into one archive file on the DbTools host. The password goes into a
 * YAML config file readable only by DbTools' user, handed over with {@code --config} and deleted after,
 * never on the command line. Without mongodump on the host the run is SKIPPED, saying so.
 */
final class MongoBackup {

    private MongoBackup() {}

    static void run(Run run) throws PolicyFailure, IOException {
        JsonNode o = run.options();
        ObjectNode result = run.result();
        result.put("method", "mongodump");
        Path program = run.tools().find("mongodump").orElseThrow(() -> PolicyFailure.skipped("mongodump not installed: install the "
                + "MongoDB Database Tools on the DbTools host to run MongoDB backups", result));
        result.put("tool_version", ToolRun.version(program));
        Path dir = Path.of(o.path("destination").asText());
        Files.createDirectories(dir);
        String database = run.target().database() == null || run.target().database().isBlank() ? "all" : run.target().database();
        boolean gzip = o.path("gzip").asBoolean(true);
        Path finalPath = dir.resolve(Retention.name("mongodump", database, run.clock().instant(), gzip ? ".archive.gz" : ".archive"));
        Path partial = dir.resolve(finalPath.getFileName() + ".partial");
        result.put("database", database);

        List<String> command = new ArrayList<>(List.of(program.toString(),
                "--host=" + run.target().host(), "--port=" + run.target().port(), "--archive=" + partial));
        if (!database.equals("all")) command.add("--db=" + database);
        if (gzip) command.add("--gzip");
        if (o.path("oplog").asBoolean(false)) command.add("--oplog");
        var tls = run.target().tls();
        if (tls != null && !List.of("disable", "prefer", "allow").contains(tls.mode())) {
            command.add("--ssl");
            if (tls.caFile() != null) command.add("--sslCAFile=" + tls.caFile());
            if (tls.trustServerCertificate()) command.add("--sslAllowInvalidCertificates");
        }
        var creds = run.target().credentials();
        String password = PgConnector.password(run.target());
        Path config = null;
        try {
            if (creds != null && creds.username() != null) {
                command.add("--username=" + creds.username());
                command.add("--authenticationDatabase=" + run.target().option("auth_source").orElse("admin"));
            }
            if (password != null) {
                config = Files.createTempFile("dbtools-mongodump-", ".yaml", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(config, "password: \"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n", StandardCharsets.UTF_8);
                command.add("--config=" + config);
            }
            ToolRun.Finished done = ToolRun.run(run, "mongodump", command, Map.of());
            if (done.exitCode() != 0) {
                Retention.deleteTree(partial);
                throw PolicyFailure.failed("mongodump failed (exit " + done.exitCode() + "): " + done.tail(), result);
            }
        } catch (PolicyFailure | IOException e) {
            Retention.deleteTree(partial);
            throw e;
        } finally {
            if (config != null) Files.deleteIfExists(config);
        }
        Files.move(partial, finalPath);
        result.put("file", finalPath.toString());
        result.put("bytes", Files.size(finalPath));
        var deleted = result.putArray("deleted");
        Retention.apply(dir, "mongodump", database, o.path("retention_days").asInt(0), run.clock().instant(), finalPath).forEach(deleted::add);
    }
}
