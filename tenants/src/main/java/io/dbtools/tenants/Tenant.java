package io.dbtools.tenants;

import java.time.Instant;

/** One row of the tenant registry. The role password stays encrypted until a pool needs it. */
public record Tenant(
        long id,
        String slug,
        String name,
        Status status,
        String dbUrl,
        String dbUser,
        byte[] dbPasswordEnc,
        Instant createdAt,
        Instant updatedAt) {

    public enum Status {
        PROVISIONING, ACTIVE, SUSPENDED, DELETED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public String toString() {
        return "Tenant[" + slug + ", " + status.label() + "]";
    }
}
