package io.dbtools.api.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** A maintenance job: the tenant's retention purge on demand or on the job's own schedule. */
public final class MaintenanceHandler implements JobHandler {

    private final DataRetention retention;

    public MaintenanceHandler(DataRetention retention) {
        this.retention = retention;
    }

    @Override
    public Outcome run(Run run) {
        long removed = retention.purge(run.db(), run.tenant().slug(), DataRetention.TENANT_TABLES);
        return Outcome.success(JsonNodeFactory.instance.objectNode().put("rowsRemoved", removed));
    }
}
