package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The few rules that relate two fields, which JSON Schema cannot say: checked after the schema, reported alike. */
final class PolicyRules {

    private PolicyRules() {}

    static List<PolicyCatalog.Violation> check(String type, JsonNode spec) {
        List<PolicyCatalog.Violation> out = new ArrayList<>();
        if ("backup".equals(type)) {
            JsonNode ms = spec.path("mssql");
            if ("differential".equals(ms.path("backup_type").asText()) && ms.path("copy_only").asBoolean(false)) {
                out.add(new PolicyCatalog.Violation("/mssql/copy_only", "SQL Server takes no COPY_ONLY differential backups; "
                        + "use copy_only with full or log backups"));
            }
        }
        if ("index_maintenance".equals(type)) {
            JsonNode ms = spec.path("mssql");
            double reorganize = ms.path("reorganize_threshold_percent").isNumber() ? ms.get("reorganize_threshold_percent").asDouble() : 5;
            double rebuild = ms.path("rebuild_threshold_percent").isNumber() ? ms.get("rebuild_threshold_percent").asDouble() : 30;
            if (ms.isObject() && rebuild <= reorganize) {
                out.add(new PolicyCatalog.Violation("/mssql/rebuild_threshold_percent",
                        "must be greater than reorganize_threshold_percent (" + fmt(reorganize) + ")"));
            }
        }
        return out;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
