package io.dbtools.api.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Token roles. The first four are ranked; the exporter role only reads targets and their
 * credentials; the alertmanager role only posts Alertmanager's webhook.
 */
public enum Role {
    VIEWER("viewer", 1),
    OPERATOR("operator", 2),
    TENANT_ADMIN("tenant-admin", 3),
    SUPER_ADMIN("super-admin", 4),
    EXPORTER("exporter", 0),
    ALERTMANAGER("alertmanager", 0);

    private final String label;
    private final int rank;

    Role(String label, int rank) {
        this.label = label;
        this.rank = rank;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** True for a ranked role at or above {@code other}; the exporter and alertmanager roles satisfy none. */
    public boolean atLeast(Role other) {
        return rank > 0 && rank >= other.rank;
    }

    @JsonCreator
    public static Role of(String label) {
        return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "role must be one of super-admin, tenant-admin, operator, viewer, exporter, alertmanager"));
    }
}
