package io.dbtools.snowflake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.snowflake.Fixture;
import io.dbtools.snowflake.SfOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The collectors' SQL (the golden .sql resources) checked against the recorded column lists: every identifier
 * that is not SQL, a function, the view's path or an alias the query defines must be a column of the view; and
 * every statement is bounded by a time window and a LIMIT.
 */
class CollectorSqlTest {

    private static final Set<String> SQL_WORDS = Set.of(
            "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "NULL", "IS", "AS", "GROUP", "BY", "ORDER", "DESC", "ASC",
            "LIMIT", "WITH", "LEFT", "JOIN", "ON", "QUALIFY", "OVER", "PARTITION", "ROW_NUMBER", "SUM", "AVG", "MAX",
            "COUNT", "COUNT_IF", "IFF", "COALESCE", "DATEADD", "DATE_TRUNC", "DATE_PART", "CURRENT_TIMESTAMP",
            "CURRENT_DATE", "HOUR", "DAY", "EPOCH_SECOND", "TO_TIMESTAMP_NTZ", "TO_VARCHAR", "NUMBER",
            "SNOWFLAKE", "ACCOUNT_USAGE");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ALIAS = Pattern.compile("\\bAS\\s+([A-Z_][A-Z0-9_]*)");
    private static final Pattern CTE = Pattern.compile("\\b([A-Z_][A-Z0-9_]*)\\s+AS\\s*\\(");
    private static final Pattern LIMIT = Pattern.compile("\\bLIMIT\\s+(\\d+)\\s*$");

    static String code(String sql) {
        return sql.replaceAll("--[^\\n]*", " ").replaceAll("'[^']*'", " ");
    }

    @ParameterizedTest(name = "{0} reads only columns of {1}")
    @CsvSource({
            "warehouse_metering_history.sql, warehouse_metering_history",
            "warehouse_load_history.sql, warehouse_load_history",
            "query_history.sql, query_history",
            "storage_usage.sql, storage_usage",
            "database_storage_usage_history.sql, database_storage_usage_history",
            "login_history_clients.sql, login_history",
            "login_history_errors.sql, login_history",
            "data_transfer_history.sql, data_transfer_history",
            "metering_history.sql, metering_history"})
    void each_query_names_only_recorded_columns_of_its_view_and_is_bounded(String resource, String view) {
        String sql = code(Sql.load(resource, SfOptions.DEFAULTS.sqlParameters()));
        Set<String> defined = new LinkedHashSet<>();
        for (Pattern p : List.of(ALIAS, CTE)) {
            Matcher m = p.matcher(sql);
            while (m.find()) defined.add(m.group(1));
        }
        Set<String> columns = Fixture.of(view).columns().keySet();
        Set<String> unknown = new TreeSet<>();
        Matcher m = IDENT.matcher(sql);
        while (m.find()) {
            String id = m.group();
            if (SQL_WORDS.contains(id) || defined.contains(id) || id.equals(view.toUpperCase())) continue;
            if (!columns.contains(id)) unknown.add(id);
        }
        assertEquals(Set.of(), unknown, resource + " names identifiers that are not columns of " + view);
        assertTrue(sql.contains("FROM SNOWFLAKE.ACCOUNT_USAGE." + view.toUpperCase()), resource);
        Matcher limit = LIMIT.matcher(sql.strip());
        assertTrue(limit.find(), resource + " must end with a LIMIT");
        assertTrue(Integer.parseInt(limit.group(1)) <= 1000, resource + " LIMIT too large: " + limit.group(1));
        boolean windowed = sql.matches("(?s).*\\b(START_TIME|EVENT_TIMESTAMP|USAGE_DATE) >= DATEADD\\(.*");
        assertTrue(windowed, resource + " must restrict the view to a time window");
    }

    @Test
    void the_window_and_limits_follow_the_target_options() {
        var options = new SfOptions(6, java.time.Duration.ofMinutes(15), 3, 4, 5, 10, 20, 30);
        String sql = Sql.load(QueryHistoryCollector.SQL_RESOURCE, options.sqlParameters());
        assertTrue(sql.contains("DATEADD(HOUR, -6, DATE_TRUNC(HOUR, CURRENT_TIMESTAMP()))"), sql);
        assertTrue(sql.contains("ORDER BY COUNT(*) DESC LIMIT 3"), sql);
        assertTrue(sql.contains("ORDER BY COUNT(*) DESC LIMIT 4"), sql);
        // (3 warehouses + other) x (4 types + other) rows at most
        assertTrue(sql.strip().endsWith("LIMIT 20"), sql);
        assertFalse(sql.contains("${"), sql);
    }

    @Test
    void an_out_of_range_option_is_rejected_with_the_option_named() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SfOptions(24, java.time.Duration.ofSeconds(10), 20, 15, 10, 200, 200, 200));
        assertTrue(e.getMessage().contains("refresh_seconds"), e.getMessage());
    }
}
