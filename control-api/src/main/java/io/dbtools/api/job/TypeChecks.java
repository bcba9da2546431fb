package io.dbtools.api.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.ApiError;
import io.dbtools.policies.PolicyCatalog;
import java.util.List;

/**
 * What each job type asks of a job besides the common fields, checked when the job is saved so a
 * job that cannot run is a 400 naming the field rather than a failed execution later:
 * custom_script needs a server of an engine the script type supports and a valid custom_script
 * document with a script for that engine; data_collection needs a server and no configuration;
 * alert_check has no handler yet and is refused.
 */
public final class TypeChecks {

    /** The policy type whose documents are custom_script jobs' configuration. */
    public static final String CUSTOM_SCRIPT_POLICY = "custom_script";

    private final PolicyCatalog catalog;

    TypeChecks(PolicyCatalog catalog) {
        this.catalog = catalog;
    }

    /** @return the configuration to store (custom_script: with the schema's defaults filled) */
    JsonNode check(Db db, JobType type, JsonNode configuration, Long serverId) {
        JsonNode config = configuration == null ? JsonNodeFactory.instance.objectNode() : configuration;
        return switch (type) {
            case CUSTOM_SCRIPT -> customScript(db, config, serverId);
            case DATA_COLLECTION -> {
                engineOf(db, serverId, type);
                if (!config.isEmpty()) {
                    throw ApiError.badRequest("configuration", "data_collection jobs take no configuration; send {}");
                }
                yield config;
            }
            case ALERT_CHECK -> throw ApiError.badRequest("type", "alert_check jobs are not available yet: alert rules are evaluated "
                    + "by Prometheus (see /api/alert-rules); use custom_script or data_collection");
            case POLICY_EXECUTION, MAINTENANCE -> config;
        };
    }

    private JsonNode customScript(Db db, JsonNode config, Long serverId) {
        String engine = engineOf(db, serverId, JobType.CUSTOM_SCRIPT);
        PolicyCatalog.PolicyType scripts = catalog.type(CUSTOM_SCRIPT_POLICY).orElseThrow(() -> ApiError.badRequest("type",
                "custom_script jobs are not available: this API's policy catalogue has no custom_script type"));
        List<String> engines = scripts.engines();
        if (!engines.contains(engine)) {
            throw ApiError.badRequest("serverId", "custom_script jobs run on " + String.join(" and ", engines) + " servers; server "
                    + serverId + " is " + engine);
        }
        return switch (catalog.validate(CUSTOM_SCRIPT_POLICY, config)) {
            case PolicyCatalog.Validation.Invalid invalid -> {
                var first = invalid.violations().get(0);
                throw ApiError.badRequest(field("configuration", first.path()), invalid.violations().size() + " problem"
                        + (invalid.violations().size() == 1 ? "" : "s") + " in configuration: " + String.join("; ",
                        invalid.violations().stream().map(v -> field("configuration", v.path()) + " " + v.message()).toList()));
            }
            case PolicyCatalog.Validation.Valid valid -> {
                if (!valid.withDefaults().path(engine).isObject()) {
                    throw ApiError.badRequest("configuration." + engine, "server " + serverId + " is " + engine
                            + "; the configuration needs a " + engine + " script");
                }
                yield valid.withDefaults();
            }
        };
    }

    private static String engineOf(Db db, Long serverId, JobType type) {
        if (serverId == null) {
            throw ApiError.badRequest("serverId", type.label() + " jobs run on a server: serverId is required");
        }
        return db.one("SELECT engine FROM servers WHERE id = ?", rs -> rs.getString(1), serverId)
                .orElseThrow(() -> ApiError.badRequest("serverId", "no server " + serverId + " in this tenant"));
    }

    /** {@code /postgres/script} under {@code configuration} → {@code configuration.postgres.script}; array indexes in brackets. */
    public static String field(String root, String pointer) {
        StringBuilder sb = new StringBuilder(root);
        if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
            return sb.toString();
        }
        for (String part : pointer.replaceFirst("^/", "").split("/")) {
            String p = part.replace("~1", "/").replace("~0", "~");
            if (p.matches("\\d+")) {
                sb.append('[').append(p).append(']');
            } else {
                sb.append('.').append(p);
            }
        }
        return sb.toString();
    }
}
