package io.dbtools.api.alertrule;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dbtools.api.alert.PromDuration;
import io.dbtools.api.web.ApiError;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** POST and PUT body of /api/alert-rules; PUT replaces the whole rule. */
public record AlertRuleRequest(String name, String metric, String operator, Double threshold,
                               @JsonProperty("for") String forDuration, String severity, Boolean enabled,
                               List<AlertRule.Matcher> matchers) {

    /** The name becomes the alert's alertname, so it follows Prometheus' rule for alert names. */
    static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,99}$");
    /** A DbTools series: raw ({@code dbtools_cpu_utilization_ratio}) or recorded ({@code dbtools:server_cpu_utilization:avg}). */
    static final Pattern METRIC = Pattern.compile("^dbtools(?:_[A-Za-z0-9_]+|:[A-Za-z0-9_:]+)$");
    static final Pattern LABEL = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,99}$");
    static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    static final Set<String> MATCH_OPS = Set.of("=", "!=", "=~", "!~");
    static final Duration MAX_FOR = Duration.ofDays(7);
    static final int MAX_MATCHERS = 20;

    /** The rule as it will be stored; every problem names its field. */
    AlertRule validated(long id) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiError.badRequest("name", "name must be 1-100 letters, digits or underscores, not starting with a digit (it is the alertname)");
        }
        if (metric == null || metric.length() > 200 || !METRIC.matcher(metric).matches()) {
            throw ApiError.badRequest("metric", "metric must be a DbTools metric name: dbtools_... or a dbtools:... recording rule");
        }
        if (operator == null || !AlertRule.OPERATORS.containsKey(operator)) {
            throw ApiError.badRequest("operator", "operator must be gt, gte, lt, lte or eq");
        }
        if (threshold == null || !Double.isFinite(threshold)) {
            throw ApiError.badRequest("threshold", "threshold must be a finite number");
        }
        String forText = forDuration == null ? null : forDuration.strip();
        Duration holdFor = PromDuration.parse(forText)
                .orElseThrow(() -> ApiError.badRequest("for", "for must be a Prometheus duration such as 0s, 5m or 1h"));
        if (holdFor.compareTo(MAX_FOR) > 0) {
            throw ApiError.badRequest("for", "for must be at most 7d");
        }
        if (severity == null || !SEVERITIES.contains(severity)) {
            throw ApiError.badRequest("severity", "severity must be critical, warning or info");
        }
        List<AlertRule.Matcher> ms = matchers == null ? List.of() : matchers;
        if (ms.size() > MAX_MATCHERS) {
            throw ApiError.badRequest("matchers", "at most " + MAX_MATCHERS + " matchers");
        }
        for (int i = 0; i < ms.size(); i++) {
            AlertRule.Matcher m = ms.get(i);
            String at = "matchers[" + i + "]";
            if (m == null) {
                throw ApiError.badRequest(at, "expected a matcher object");
            }
            if (m.label() == null || !LABEL.matcher(m.label()).matches() || m.label().startsWith("__")) {
                throw ApiError.badRequest(at + ".label", "expected a label name (letters, digits, underscores; not __...)");
            }
            if (m.label().equals("tenant")) {
                throw ApiError.badRequest(at + ".label", "the tenant matcher is set by the API");
            }
            if (m.op() == null || !MATCH_OPS.contains(m.op())) {
                throw ApiError.badRequest(at + ".op", "op must be =, !=, =~ or !~");
            }
            if (m.value() == null || m.value().length() > 500) {
                throw ApiError.badRequest(at + ".value", "value must be a string of at most 500 characters");
            }
        }
        return new AlertRule(id, name, metric, operator, threshold, forText, severity, enabled == null || enabled, List.copyOf(ms),
                null, null);
    }
}
