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
 * alert_check needs Prometheus and one of the tenant's alert rules, and no server.
 */
public final class TypeChecks {

    /** The policy type whose documents are custom_script jobs' configuration. */
    public static final String CUSTOM_SCRIPT_POLICY = "custom_script";

    private final PolicyCatalog catalog;
    private final boolean prometheus;

    /** @param prometheus whether this API has Prometheus (DBTOOLS_PROMETHEUS_URL), which alert_check jobs query */
    TypeChecks(PolicyCatalog catalog, boolean prometheus) {
        this.catalog = catalog;
        this.prometheus = prometheus;
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
            case ALERT_CHECK -> alertCheck(db, config, serverId);
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

    private JsonNode alertCheck(Db db, JsonNode config, Long serverId) {
        if (!prometheus) {
            throw ApiError.badRequest("type", "alert_check jobs query Prometheus, and this API has none: DBTOOLS_PROMETHEUS_URL is not set");
        }
        if (serverId != null) {
            throw ApiError.badRequest("serverId", "an alert_check job checks an alert rule over the tenant's servers: leave serverId out "
                    + "and put matchers in the rule");
        }
        for (var it = config.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("ruleId") && !f.equals("failWhenMatching")) {
                throw ApiError.badRequest("configuration." + f, "an alert_check configuration has only ruleId and failWhenMatching");
            }
        }
        JsonNode rule = config.path("ruleId");
        if (!rule.canConvertToLong() || !rule.isIntegralNumber()) {
            throw ApiError.badRequest("configuration.ruleId", "ruleId must be the id of one of the tenant's alert rules (/api/alert-rules)");
        }
        if (db.count("SELECT count(*) FROM alert_rules WHERE id = ?", rule.asLong()) == 0) {
            throw ApiError.badRequest("configuration.ruleId", "no alert rule " + rule.asLong() + " in this tenant");
        }
        if (config.has("failWhenMatching") && !config.get("failWhenMatching").isBoolean()) {
            throw ApiError.badRequest("configuration.failWhenMatching", "failWhenMatching must be true or false");
        }
        return config;
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
