package io.dbtools.api.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * One alert occurrence as the API shows it (the shared alerts contract, docs/api.md). {@code tenant}
 * appears only on platform-level alerts: the tenant label as received, when it named no known tenant.
 */
public record Alert(long id, @JsonInclude(JsonInclude.Include.NON_NULL) String tenant, String fingerprint, String alertname,
                    String status, String severity, String server, Map<String, String> labels,
                    Map<String, String> annotations, Instant startsAt, Instant endsAt, Instant updatedAt,
                    Acknowledgement acknowledgement) {

    /** Who silenced the alert through the API, why, and until when. */
    public record Acknowledgement(String by, String comment, Instant at, String silenceId, Instant until) {}

    /** A state change of the occurrence: firing, resolved or acknowledged. */
    public record Event(Instant at, String kind, String actor, JsonNode details) {}

    public boolean firing() {
        return "firing".equals(status);
    }
}
