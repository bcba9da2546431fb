package io.dbtools.api.auth;

/**
 * Who is calling: the token's id, name and role, and the tenant it is bound to (null for
 * super-admin and all-tenant exporter tokens). Carries no secret.
 */
public record Principal(long tokenId, String name, Role role, Long tenantId) {

    /** How the activity log names the caller. */
    public String actor() {
        return name + " (token " + tokenId + ")";
    }

    public boolean unbound() {
        return tenantId == null;
    }

    /** For actions the API takes on its own, e.g. the first start. */
    public static Principal system() {
        return new Principal(0, "system", Role.SUPER_ADMIN, null);
    }
}
