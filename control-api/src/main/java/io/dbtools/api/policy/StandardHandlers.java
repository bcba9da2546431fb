package io.dbtools.api.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.job.DataRetention;
import io.dbtools.api.job.JobHandler;
import io.dbtools.api.job.JobType;
import io.dbtools.api.job.MaintenanceHandler;
import io.dbtools.api.server.ServerRepository;
import io.dbtools.policies.PolicyExecutor;
import io.dbtools.tenants.SecretBox;
import java.util.EnumMap;
import java.util.Map;

/** The job handlers a control API node runs: policies through the executor, maintenance through retention. */
public final class StandardHandlers {

    private StandardHandlers() {}

    public static Map<JobType, JobHandler> of(ObjectMapper mapper, SecretBox secrets, PolicyExecutor executor, DataRetention retention) {
        Map<JobType, JobHandler> out = new EnumMap<>(JobType.class);
        out.put(JobType.POLICY_EXECUTION, new PolicyJobHandler(new PolicyRepository(mapper), new ServerRepository(mapper), secrets, executor));
        out.put(JobType.MAINTENANCE, new MaintenanceHandler(retention));
        return out;
    }
}
