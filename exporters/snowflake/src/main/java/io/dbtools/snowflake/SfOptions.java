package io.dbtools.snowflake;

import io.dbtools.plugin.Target;
import java.time.Duration;
import java.util.Map;

/**
 * The per-target knobs of the account-usage collectors, read once per session and checked for sane ranges.
 *
 * @param windowHours the trailing window of complete hours the usage sums and averages cover
 * @param refresh how long a collector's result is served from cache before it queries again; one value for
 *     all collectors so they run in the same scrape and share one warehouse resume
 */
public record SfOptions(int windowHours, Duration refresh, int warehousesTopN, int queryTypesTopN, int loginTopN,
        int warehousesLimit, int databasesLimit, int dataTransferLimit) {

    public static final SfOptions DEFAULTS = new SfOptions(24, Duration.ofMinutes(30), 20, 15, 10, 200, 200, 200);

    public SfOptions {
        between("window_hours", windowHours, 1, 168);
        between("refresh_seconds", (int) refresh.toSeconds(), 60, 86_400);
        between("warehouses_top_n", warehousesTopN, 1, 200);
        between("query_types_top_n", queryTypesTopN, 1, 100);
        between("login_top_n", loginTopN, 1, 100);
        between("warehouses_limit", warehousesLimit, 1, 1000);
        between("databases_limit", databasesLimit, 1, 5000);
        between("data_transfer_limit", dataTransferLimit, 1, 1000);
    }

    public static SfOptions of(Target target) {
        SfOptions d = DEFAULTS;
        return new SfOptions(
                target.intOption("window_hours", d.windowHours()),
                Duration.ofSeconds(target.intOption("refresh_seconds", (int) d.refresh().toSeconds())),
                target.intOption("warehouses_top_n", d.warehousesTopN()),
                target.intOption("query_types_top_n", d.queryTypesTopN()),
                target.intOption("login_top_n", d.loginTopN()),
                target.intOption("warehouses_limit", d.warehousesLimit()),
                target.intOption("databases_limit", d.databasesLimit()),
                target.intOption("data_transfer_limit", d.dataTransferLimit()));
    }

    /** The integers the SQL templates use; derived limits keep every result set bounded. */
    public Map<String, Integer> sqlParameters() {
        return Map.of(
                "window_hours", windowHours,
                "warehouses_top_n", warehousesTopN,
                "query_types_top_n", queryTypesTopN,
                "query_history_limit", (warehousesTopN + 1) * (queryTypesTopN + 1),
                "login_top_n", loginTopN,
                "login_limit", loginTopN + 1,
                "warehouses_limit", warehousesLimit,
                "databases_limit", databasesLimit,
                "data_transfer_limit", dataTransferLimit,
                "service_types_limit", 100);
    }

    private static void between(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("option " + option + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
