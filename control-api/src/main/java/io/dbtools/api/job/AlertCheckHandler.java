package io.dbtools.api.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbtools.api.alertrule.AlertRule;
import io.dbtools.api.alertrule.AlertRuleRepository;
import io.dbtools.api.health.PrometheusClient;
import io.dbtools.api.web.ApiError;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An alert_check job: evaluates one of the tenant's custom alert rules now, through Prometheus'
 * query API, and records the series that match (the rule's condition without its {@code for}) and
 * their servers. With {@code failWhenMatching} a match fails the run, so the job alerts
 * (DbToolsJobFailing) and the job history become a scheduled check of the condition.
 */
public final class AlertCheckHandler implements JobHandler {

    private final AlertRuleRepository rules;
    private final PrometheusClient prometheus;

    public AlertCheckHandler(AlertRuleRepository rules, PrometheusClient prometheus) {
        this.rules = rules;
        this.prometheus = prometheus;
    }

    @Override
    public Outcome run(Run run) {
        long ruleId = run.job().configuration().path("ruleId").asLong();
        Optional<AlertRule> rule = rules.find(run.db(), ruleId);
        if (rule.isEmpty()) {
            return new Outcome(Execution.Status.SKIPPED, null, "alert rule " + ruleId + " no longer exists");
        }
        // the rule's own expression: it always carries the tenant's matcher, so only this tenant's series are seen
        String expr = rule.get().expr(run.tenant().slug());
        List<PrometheusClient.Sample> matching;
        try {
            matching = prometheus.query(expr);
        } catch (ApiError e) {
            return Outcome.failed("Prometheus: " + e.getMessage());
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("ruleId", ruleId);
        result.put("rule", rule.get().name());
        result.put("expr", expr);
        result.put("matching", matching.size());
        TreeSet<String> servers = new TreeSet<>();
        var series = result.putArray("series");
        for (PrometheusClient.Sample s : matching) {
            ObjectNode one = series.addObject();
            s.labels().forEach(one.putObject("labels")::put);
            one.put("value", s.value());
            if (s.labels().containsKey("server")) {
                servers.add(s.labels().get("server"));
            }
        }
        servers.forEach(result.putArray("servers")::add);
        if (!matching.isEmpty() && run.job().configuration().path("failWhenMatching").asBoolean(false)) {
            return new Outcome(Execution.Status.FAILED, result, "alert rule " + rule.get().name() + " matches " + matching.size()
                    + " series" + (servers.isEmpty() ? "" : " on " + String.join(", ", servers)));
        }
        return Outcome.success(result);
    }
}
