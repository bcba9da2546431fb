package io.dbtools.api.job;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily maintenance run: deletes rows past each database's retention setting, in batches so
 * no delete holds locks for long, and logs what went. A table that does not exist in a database
 * (yet) is passed over, so the list can name tables other features add.
 */
public final class DataRetention {

    private static final Logger log = LoggerFactory.getLogger(DataRetention.class);

    /** One table: rows whose {@code timeColumn} is older than the {@code setting} (days) go, if {@code condition} holds. */
    public record Table(String name, String timeColumn, String setting, int defaultDays, String condition) {}

    /** What is purged in every tenant database and in the system database. Add a row for a new history table. */
    public static final List<Table> TENANT_TABLES = List.of(
            new Table("activity", "at", "activity_retention_days", 90, "TRUE"),
            new Table("job_executions", "started_at", "job_execution_retention_days", 30, "status <> 'running'"),
            new Table("alerts", "updated_at", "alert_retention_days", 90, "status = 'resolved'"));
    public static final List<Table> SYSTEM_TABLES = List.of(
            new Table("activity", "at", "activity_retention_days", 90, "TRUE"),
            new Table("platform_alerts", "updated_at", "alert_retention_days", 90, "status = 'resolved'"));

    static final int BATCH = 5_000;

    private final TenantRegistry registry;
    private final TenantPools pools;
    private final Db system;
    private final Clock clock;

    public DataRetention(TenantRegistry registry, TenantPools pools, Db system, Clock clock) {
        this.registry = registry;
        this.pools = pools;
        this.system = system;
        this.clock = clock;
    }

    /** The db-scheduler task: daily at 02:30 UTC, on exactly one node of the cluster. */
    public RecurringTask<Void> task() {
        return Tasks.recurring("dbtools-retention", Schedules.daily(LocalTime.of(2, 30))).execute((instance, ctx) -> purgeAll());
    }

    /** @return rows removed over the system database and every active tenant */
    public long purgeAll() {
        long removed = purge(system, "system", SYSTEM_TABLES);
        for (Tenant t : registry.list(false)) {
            if (t.status() != Tenant.Status.ACTIVE) {
                continue;
            }
            try {
                removed += purge(pools.db(t), t.slug(), TENANT_TABLES);
            } catch (RuntimeException e) {
                log.warn("retention skipped tenant {}: {}", t.slug(), e.getMessage());
            }
        }
        return removed;
    }

    public long purge(Db db, String name, List<Table> tables) {
        long total = 0;
        for (Table table : tables) {
            if (db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? "
                    + "AND column_name = ?", table.name(), table.timeColumn()) == 0) {
                continue;
            }
            int days = db.one("SELECT value FROM settings WHERE key = ?", rs -> Integer.parseInt(rs.getString(1)), table.setting())
                    .orElse(table.defaultDays());
            var cutoff = clock.instant().minus(Duration.ofDays(days));
            long removed = 0;
            int n;
            do {
                // table and column names come from the constant list above, never from input
                n = db.update("DELETE FROM " + table.name() + " WHERE ctid IN (SELECT ctid FROM " + table.name() + " WHERE "
                        + table.timeColumn() + " < ? AND (" + table.condition() + ") LIMIT " + BATCH + ")", cutoff);
                removed += n;
            } while (n == BATCH);
            if (removed > 0) {
                log.info("retention: removed {} rows of {} older than {} days from {}", removed, table.name(), days, name);
            }
            total += removed;
        }
        return total;
    }
}
