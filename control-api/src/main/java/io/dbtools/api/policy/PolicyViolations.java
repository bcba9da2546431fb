package io.dbtools.api.policy;

import io.dbtools.policies.PolicyCatalog;
import java.util.List;

/** A policy document that failed validation: every violation, each with its path inside {@code spec}. */
final class PolicyViolations extends RuntimeException {

    private final List<PolicyCatalog.Violation> violations;

    PolicyViolations(List<PolicyCatalog.Violation> violations) {
        super(violations.size() + " problem" + (violations.size() == 1 ? "" : "s") + " in spec", null, false, false);
        this.violations = List.copyOf(violations);
    }

    List<PolicyCatalog.Violation> violations() {
        return violations;
    }

    /** {@code /retention/days} → {@code spec.retention.days}; {@code /targets/0/name} → {@code spec.targets[0].name}. */
    static String field(String pointer) {
        return io.dbtools.api.job.TypeChecks.field("spec", pointer);
    }
}
