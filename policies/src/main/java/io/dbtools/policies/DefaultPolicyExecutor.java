package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.Target;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the option set of the target's engine:
 * <ul>
 *   <li>PostgreSQL (and CockroachDB targets are refused): executed over JDBC and the client programs.</li>
 *   <li>SQL Server: the T-SQL is generated ({@link MssqlScripts}) and returned in the result as
 *       {@code tsql}; DbTools does not run it yet, so the outcome is SKIPPED, saying so.</li>
 *   <li>MongoDB: backups with mongodump when it is installed, otherwise SKIPPED.</li>
 * </ul>
 * Every outcome's result carries {@code engine}, {@code started_at} and {@code duration_ms}. Errors
 * never carry the target's password: it is scrubbed from every message on the way out.
 */
public final class DefaultPolicyExecutor implements PolicyExecutor {

    private static final Logger log = LoggerFactory.getLogger(DefaultPolicyExecutor.class);

    private final Clock clock;
    private final Tools tools;

    /** @param tools where pg_dump, pg_restore, pg_basebackup and mongodump are looked up */
    public DefaultPolicyExecutor(Clock clock, Tools tools) {
        this.clock = clock;
        this.tools = tools;
    }

    /** The system clock and the programs on PATH. */
    public DefaultPolicyExecutor() {
        this(Clock.systemUTC(), Tools.onPath());
    }

    @Override
    public PolicyOutcome execute(String type, JsonNode spec, Target target, Duration timeout) {
        Instant started = clock.instant();
        ObjectNode result = Run.object();
        String engine = target.engine();
        result.put("type", type);
        result.put("engine", engine);
        result.put("server", target.server());
        result.put("started_at", started.toString());
        PolicyOutcome outcome;
        try {
            String section = section(engine);
            JsonNode options = spec == null ? null : spec.get(section);
            if (options == null || !options.isObject()) {
                throw PolicyFailure.skipped("the policy has no " + section + " options, so it does not apply to this "
                        + engine + " server", result);
            }
            Run run = new Run(type, options, target, Deadline.after(timeout, clock), clock, tools, result);
            switch (section) {
                case "postgres" -> postgres(run);
                case "mssql" -> mssql(run);
                case "mongodb" -> mongodb(run);
                default -> throw PolicyFailure.skipped("policies do not run on " + engine + " servers", result);
            }
            outcome = new PolicyOutcome(Status.SUCCESS, result, null);
        } catch (PolicyFailure f) {
            outcome = new PolicyOutcome(f.status(), result, f.getMessage());
        } catch (SQLException e) {
            outcome = new PolicyOutcome(Status.FAILED, result, "database error" + (e.getSQLState() == null ? "" : " " + e.getSQLState())
                    + ": " + e.getMessage());
        } catch (IOException e) {
            outcome = new PolicyOutcome(Status.FAILED, result, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // a secret that cannot be resolved, a bad option value that slipped past validation
            outcome = new PolicyOutcome(Status.FAILED, result, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        result.put("duration_ms", Duration.between(started, clock.instant()).toMillis());
        PolicyOutcome safe = scrub(outcome, target);
        log.info("policy {} on {} ({}): {}", type, target.name(), engine, safe.status());
        return safe;
    }

    /** The option set a server runs: CockroachDB speaks PostgreSQL's protocol but not its maintenance commands. */
    private static String section(String engine) {
        return switch (engine == null ? "" : engine) {
            case "postgres", "postgresql" -> "postgres";
            case "mssql", "sqlserver" -> "mssql";
            case "mongodb" -> "mongodb";
            default -> engine == null ? "?" : engine;
        };
    }

    private static void postgres(Run run) throws PolicyFailure, SQLException, IOException {
        switch (run.type()) {
            case "backup" -> PgBackup.run(run);
            case "index_maintenance" -> PgIndexMaintenance.run(run);
            case "integrity_check" -> PgIntegrityCheck.run(run);
            case "custom_script" -> PgScript.run(run);
            default -> throw PolicyFailure.failed("unknown policy type " + run.type(), run.result());
        }
    }

    private static void mssql(Run run) throws PolicyFailure {
        String database = run.target().database();
        if (database == null || database.isBlank()) {
            throw PolicyFailure.failed("the SQL Server target names no database, and " + run.type() + " policies run on one", run.result());
        }
        run.result().put("database", database);
        run.result().put("tsql", MssqlScripts.generate(run.type(), run.options(), database));
        throw PolicyFailure.skipped("DbTools generates SQL Server policies as T-SQL (in the result's tsql) but does not run them yet: "
                + "run it with sqlcmd or a SQL Server Agent job", run.result());
    }

    private static void mongodb(Run run) throws PolicyFailure, IOException {
        if (!run.type().equals("backup")) {
            throw PolicyFailure.skipped(run.type() + " policies do not run on MongoDB servers", run.result());
        }
        MongoBackup.run(run);
    }

    /** The password can only reach a message through a program's or server's echo; it never leaves this class. */
    private static PolicyOutcome scrub(PolicyOutcome o, Target target) {
        String secret;
        try {
            secret = PgConnector.password(target);
        } catch (RuntimeException e) {
            secret = null;
        }
        if (secret == null || secret.isEmpty()) return o;
        String error = o.error() == null ? null : o.error().replace(secret, "***");
        return new PolicyOutcome(o.status(), scrub(o.result(), secret), error);
    }

    private static JsonNode scrub(JsonNode node, String secret) {
        if (node.isTextual()) {
            return node.asText().contains(secret) ? TextNode.valueOf(node.asText().replace(secret, "***")) : node;
        }
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            o.properties().forEach(e -> e.setValue(scrub(e.getValue(), secret)));
        } else if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) a.set(i, scrub(a.get(i), secret));
        }
        return node;
    }
}
