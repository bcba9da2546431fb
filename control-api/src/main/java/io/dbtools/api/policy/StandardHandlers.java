package io.dbtools.api.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.alertrule.AlertRuleRepository;
import io.dbtools.api.health.PrometheusClient;
import io.dbtools.api.job.AlertCheckHandler;
import io.dbtools.api.job.DataCollectionHandler;
import io.dbtools.api.job.DataRetention;
import io.dbtools.api.job.JobHandler;
import io.dbtools.api.job.JobType;
import io.dbtools.api.job.MaintenanceHandler;
import io.dbtools.api.server.ConnectionTester;
import io.dbtools.api.server.ServerRepository;
import io.dbtools.policies.PolicyExecutor;
import io.dbtools.tenants.SecretBox;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * The job handlers a control API node runs: policies and custom scripts through the executor,
 * data collection through the engine plugins' connection check, alert checks through Prometheus'
 * query API, maintenance through retention.
 */
public final class StandardHandlers {

    private StandardHandlers() {}

    public static Map<JobType, JobHandler> of(ObjectMapper mapper, SecretBox secrets, PolicyExecutor executor, DataRetention retention,
                                              ConnectionTester tester, PrometheusClient prometheus, Clock clock) {
        ServerRepository servers = new ServerRepository(mapper);
        Map<JobType, JobHandler> out = new EnumMap<>(JobType.class);
        out.put(JobType.POLICY_EXECUTION, new PolicyJobHandler(new PolicyRepository(mapper), servers, secrets, executor));
        out.put(JobType.CUSTOM_SCRIPT, new CustomScriptHandler(servers, secrets, executor));
        out.put(JobType.DATA_COLLECTION, new DataCollectionHandler(servers, secrets, tester, clock));
        out.put(JobType.ALERT_CHECK, new AlertCheckHandler(new AlertRuleRepository(mapper), prometheus));
        out.put(JobType.MAINTENANCE, new MaintenanceHandler(retention));
        return out;
    }
}
