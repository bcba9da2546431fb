package io.dbtools.api.alertrule;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dbtools.api.health.PrometheusClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tenant's custom threshold rule: {@code metric{tenant=<slug>, matchers} <operator> threshold}
 * held for {@code for}. The tenant matcher is always added by the API, so a rule can only ever see
 * its own tenant's series.
 */
public record AlertRule(long id, String name, String metric, String operator, double threshold,
                        @JsonProperty("for") String forDuration, String severity, boolean enabled, List<Matcher> matchers,
                        Instant createdAt, Instant updatedAt) {

    /** A label matcher; {@code op} is one of =, !=, =~, !~ (regular expressions are RE2, checked by promtool). */
    public record Matcher(String label, String op, String value) {}

    static final Map<String, String> OPERATORS = Map.of("gt", ">", "gte", ">=", "lt", "<", "lte", "<=", "eq", "==");

    /** The PromQL without {@code for}: what the rule evaluates, and what preview runs. */
    public String expr(String tenantSlug) {
        String selector = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("tenant=" + PrometheusClient.quote(tenantSlug)),
                        matchers.stream().map(m -> m.label() + m.op() + PrometheusClient.quote(m.value())))
                .collect(Collectors.joining(", ", "{", "}"));
        return metric + selector + " " + OPERATORS.get(operator) + " " + number();
    }

    /** The threshold as PromQL reads it: plain decimal, no exponent, no trailing zeros (100, 0.9). */
    private String number() {
        return BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
    }

    /** The alert as it goes into the tenant's rules file. */
    Map<String, Object> prometheusRule(String tenantSlug) {
        String condition = metric + " " + OPERATORS.get(operator) + " " + number();
        return Map.of(
                "alert", name,
                "expr", expr(tenantSlug),
                "for", forDuration,
                "labels", Map.of("severity", severity, "tenant", tenantSlug, "dbtools_rule_id", Long.toString(id)),
                "annotations", Map.of(
                        "summary", name + " on {{ $labels.server }}: " + condition,
                        "description", "Custom rule " + name + " (id " + id + ") of tenant " + tenantSlug
                                + ": {{ $labels.server }} is at {{ $value }} (" + condition + " for " + forDuration + ")."));
    }
}
