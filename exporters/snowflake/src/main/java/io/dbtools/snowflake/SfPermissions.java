package io.dbtools.snowflake;

import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Names each grant monitoring needs and the role lacks: a usable warehouse and the SNOWFLAKE database's views. */
final class SfPermissions {

    static final String IMPORTED_PRIVILEGES = "IMPORTED PRIVILEGES ON DATABASE SNOWFLAKE";
    /** Cheapest touch of an ACCOUNT_USAGE view: authorisation is checked when the query compiles. */
    static final String PROBE = "SELECT 1 FROM SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY LIMIT 1";

    private SfPermissions() {}

    static List<String> missing(SfSource.Queries account, ServerInfo server, Target target, int timeoutSeconds)
            throws SQLException {
        List<String> missing = new ArrayList<>();
        if (server.extra().getOrDefault("warehouse", "").isEmpty()) {
            missing.add("USAGE ON WAREHOUSE " + target.option("warehouse").orElse("<warehouse> (set option warehouse)"));
        }
        try {
            account.run(PROBE, timeoutSeconds, rs -> {});
        } catch (SQLException e) {
            if (e.getErrorCode() == SfErrors.NOT_AUTHORIZED) {
                missing.add(IMPORTED_PRIVILEGES);
            } else if (e.getErrorCode() != SfErrors.NO_WAREHOUSE) {
                throw e; // A missing warehouse is already named above; anything else is a real failure.
            }
        }
        return missing;
    }
}
