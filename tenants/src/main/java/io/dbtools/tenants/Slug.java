package io.dbtools.tenants;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A tenant's short name: 3–50 characters, lowercase letters, digits and inner hyphens.
 * It names the tenant's database and role, so it is checked before it reaches any SQL.
 */
public record Slug(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{1,48}[a-z0-9]");
    /** PostgreSQL truncates identifiers longer than this, which would make two tenants collide. */
    private static final int MAX_IDENTIFIER = 63;
    private static final String PREFIX = "dbtools_tenant_";

    public Slug {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "slug must be 3-50 characters: lowercase letters, digits and hyphens, starting and ending with a letter or digit");
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    /**
     * {@code dbtools_tenant_<slug>} with hyphens as underscores (slugs have no underscores, so
     * the mapping stays one-to-one). Slugs too long for a PostgreSQL identifier keep a prefix and
     * a hash of the whole slug.
     */
    public String databaseName() {
        String name = PREFIX + value.replace('-', '_');
        if (name.length() <= MAX_IDENTIFIER) {
            return name;
        }
        return name.substring(0, MAX_IDENTIFIER - 9) + "_" + sha256(value).substring(0, 8);
    }

    /** The tenant's own login role: same name as its database (roles and databases are separate namespaces). */
    public String roleName() {
        return databaseName();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
