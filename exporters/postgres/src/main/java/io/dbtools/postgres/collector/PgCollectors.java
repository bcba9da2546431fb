package io.dbtools.postgres.collector;

import io.dbtools.plugin.Collector;
import io.dbtools.postgres.PgSource;
import java.util.List;

/**
 * Every collector of the plugin, in the order a scrape runs them (cheap and most wanted first): the PostgreSQL
 * ones, then the CockroachDB ones. Each runs only on its own flavor ({@code supports}).
 */
public final class PgCollectors {

    private PgCollectors() {}

    public static List<Collector<PgSource>> all() {
        return List.of(
                new PgStatActivityCollector(),
                new PgLocksCollector(),
                new PgStatDatabaseCollector(),
                new PgStatDatabaseConflictsCollector(),
                new PgRecoveryCollector(),
                new PgStatReplicationCollector(),
                new PgReplicationSlotsCollector(),
                new PgStatWalReceiverCollector(),
                new PgStatBgwriterCollector(),
                new PgStatCheckpointerCollector(),
                new PgStatArchiverCollector(),
                new PgStatWalCollector(),
                new PgStatIoCollector(),
                new PgStatProgressVacuumCollector(),
                new PgPostmasterCollector(),
                new PgSettingsCollector(),
                new PgStatUserTablesCollector(),
                new PgDatabaseSizeCollector(),
                new PgTableSizeCollector(),
                new PgStatUserIndexesCollector(),
                new PgStatStatementsCollector(),
                new CrdbSessionsCollector(),
                new CrdbNodesCollector(),
                new CrdbLocksCollector(),
                new CrdbRangesCollector(),
                new CrdbContentionCollector(),
                new CrdbStatementStatisticsCollector());
    }
}
