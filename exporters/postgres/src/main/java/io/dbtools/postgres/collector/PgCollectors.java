package io.dbtools.postgres.collector;

import io.dbtools.plugin.Collector;
import io.dbtools.postgres.PgSource;
import java.util.List;

/** Every PostgreSQL collector, in the order a scrape runs them (cheap and most wanted first). */
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
                new PgStatStatementsCollector());
    }
}
