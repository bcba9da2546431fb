package io.dbtools.api.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.plugin.Target;
import io.dbtools.policies.PolicyCatalog;
import io.dbtools.policies.PolicyExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Stand-ins while no policies implementation is on the class path: no types, and every run fails saying so. */
public final class NoPolicies {

    private NoPolicies() {}

    public static final PolicyCatalog CATALOG = new PolicyCatalog() {
        @Override
        public List<PolicyType> types() {
            return List.of();
        }

        @Override
        public Optional<PolicyType> type(String name) {
            return Optional.empty();
        }

        @Override
        public Validation validate(String type, JsonNode spec) {
            return new Validation.Invalid(List.of(new Violation("/type", "no policy types are installed")));
        }
    };

    public static final PolicyExecutor EXECUTOR = (String type, JsonNode spec, Target target, Duration timeout) ->
            new PolicyExecutor.PolicyOutcome(PolicyExecutor.Status.FAILED, null, "no policy executor is installed in this control API");
}
