package io.dbtools.api.job;

import java.util.Arrays;
import java.util.Optional;

/** What a job does; each type has a {@link JobHandler} on the scheduler nodes. */
public enum JobType {
    POLICY_EXECUTION, DATA_COLLECTION, CUSTOM_SCRIPT, ALERT_CHECK, MAINTENANCE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<JobType> of(String label) {
        return Arrays.stream(values()).filter(t -> t.label().equals(label)).findFirst();
    }
}
