package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL backups with the client programs: pg_dump of the target's database or pg_basebackup of
 * the cluster, into the policy's destination on the DbTools host. A backup is written under a
 * {@code .partial} name and renamed when the program succeeded, so an interrupted one never counts
 * (nor is it kept), and retention only runs after a success.
 */
final class PgBackup {

    private static final Pattern TOOL_VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");

    private PgBackup() {}

    static void run(Run run) throws PolicyFailure, IOException, SQLException {
        JsonNode o = run.options();
        String method = o.path("method").asText("pg_dump");
        String format = o.path("format").asText("custom");
        Path dir = Path.of(o.path("destination").asText());
        ObjectNode result = run.result();
        result.put("method", method);

        Path program = run.tools().find(method).orElseThrow(() -> PolicyFailure.failed(method + " not installed: install the "
                + "PostgreSQL client tools (apt-get install postgresql-client) or point DBTOOLS_PG_BIN at a directory holding "
                + method, result));
        String toolVersion = ToolRun.version(program);
        result.put("tool_version", toolVersion);
        int serverMajor;
        String database = run.pgDatabase();
        try (Connection c = PgConnector.open(run.target(), database, cap(run.deadline().remaining()))) {
            serverMajor = PgConnector.major(c);
            try (var st = c.createStatement(); var rs = st.executeQuery("SHOW server_version")) {
                rs.next();
                result.put("server_version", rs.getString(1));
            }
        }
        Matcher m = TOOL_VERSION.matcher(toolVersion);
        if (m.find() && Integer.parseInt(m.group(1)) < serverMajor) {
            // pg_dump and pg_basebackup refuse servers newer than themselves; say so before running them.
            throw PolicyFailure.failed(method + " " + m.group(1) + " cannot back up a PostgreSQL " + serverMajor + " server: "
                    + method + " must be of the server's major version or newer; install the PostgreSQL " + serverMajor
                    + " client tools and point DBTOOLS_PG_BIN at their bin directory", result);
        }

        Files.createDirectories(dir);
        String kind = method.equals("pg_dump") ? "pgdump" : "basebackup";
        String extension = !method.equals("pg_dump") ? "" : switch (format) {
            case "custom" -> ".dump";
            case "plain" -> ".sql";
            default -> "";
        };
        String target = method.equals("pg_dump") ? database : "cluster";
        Path finalPath = dir.resolve(Retention.name(kind, target, run.clock().instant(), extension));
        Path partial = dir.resolve(finalPath.getFileName() + ".partial");
        result.put("database", target);

        List<String> command = new ArrayList<>(List.of(program.toString(),
                "--host=" + run.target().host(), "--port=" + run.target().port(), "--no-password"));
        var creds = run.target().credentials();
        if (creds != null && creds.username() != null) command.add("--username=" + creds.username());
        if (method.equals("pg_dump")) {
            command.addAll(List.of("--dbname=" + database, "--format=" + format, "--file=" + partial));
            if (!format.equals("plain")) command.add("--compress=" + o.path("compress_level").asInt(6));
            if (format.equals("directory")) command.add("--jobs=" + o.path("jobs").asInt(1));
        } else {
            // tar files of every tablespace plus the WAL needed to make them consistent, gzipped
            command.addAll(List.of("--pgdata=" + partial, "--format=tar", "--wal-method=stream", "--checkpoint=fast"));
            int level = o.path("compress_level").asInt(6);
            if (level > 0) command.add("--compress=" + level);
        }
        Map<String, String> env = new HashMap<>();
        String password = PgConnector.password(run.target());
        if (password != null) env.put("PGPASSWORD", password);
        var tls = run.target().tls();
        if (tls != null) {
            // the same TLS settings the JDBC connection used, in libpq's variables
            env.put("PGSSLMODE", tls.trustServerCertificate() && !"disable".equals(tls.mode()) ? "require" : tls.mode());
            if (tls.caFile() != null) env.put("PGSSLROOTCERT", tls.caFile());
            if (tls.certFile() != null) env.put("PGSSLCERT", tls.certFile());
            if (tls.keyFile() != null) env.put("PGSSLKEY", tls.keyFile());
        }
        env.put("PGCONNECT_TIMEOUT", "10");
        env.put("PGAPPNAME", "dbtools-policies");

        ToolRun.Finished done;
        try {
            done = ToolRun.run(run, method, command, env);
        } catch (PolicyFailure | IOException e) {
            Retention.deleteTree(partial);
            throw e;
        }
        if (done.exitCode() != 0) {
            Retention.deleteTree(partial);
            throw PolicyFailure.failed(method + " failed (exit " + done.exitCode() + "): " + done.tail(), result);
        }
        Files.move(partial, finalPath);
        result.put("file", finalPath.toString());
        result.put("bytes", size(finalPath));
        if (method.equals("pg_dump") && !format.equals("plain")) verify(run, finalPath, result);
        var deleted = result.putArray("deleted");
        Retention.apply(dir, kind, target, o.path("retention_days").asInt(0), run.clock().instant(), finalPath).forEach(deleted::add);
    }

    /** pg_restore --list reads the dump's table of contents: a truncated or foreign file fails here, not at restore time. */
    private static void verify(Run run, Path dump, ObjectNode result) throws PolicyFailure, IOException {
        var restore = run.tools().find("pg_restore");
        if (restore.isEmpty()) {
            result.put("verified", false);
            return;
        }
        ToolRun.Finished list = ToolRun.run(run, "pg_restore --list", List.of(restore.get().toString(), "--list", dump.toString()), Map.of());
        if (list.exitCode() != 0) {
            throw PolicyFailure.failed("the dump was written but pg_restore --list cannot read it: " + list.tail(), result);
        }
        result.put("verified", true);
        result.put("toc_entries", list.output().lines().filter(l -> !l.startsWith(";") && !l.isBlank()).count());
    }

    private static long size(Path p) throws IOException {
        if (!Files.isDirectory(p)) return Files.size(p);
        try (var all = Files.walk(p)) {
            long total = 0;
            for (Path q : all.filter(Files::isRegularFile).toList()) total += Files.size(q);
            return total;
        }
    }

    static Duration cap(Duration remaining) {
        return remaining.compareTo(Duration.ofSeconds(10)) < 0 ? remaining : Duration.ofSeconds(10);
    }
}
