package io.dbtools.api.auth;

import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first super-admin token: DBTOOLS_ADMIN_TOKEN when set (stored hashed), otherwise one is
 * generated at the very first start and printed once on the console — never logged.
 */
public final class AdminBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private AdminBootstrap() {}

    public static void run(TokenStore tokens, String configuredToken, PrintStream console) {
        if (configuredToken != null && !configuredToken.isBlank()) {
            if (!configuredToken.startsWith(TokenStore.PREFIX) || configuredToken.length() < 36) {
                throw new IllegalArgumentException("DBTOOLS_ADMIN_TOKEN must start with " + TokenStore.PREFIX
                        + " and be at least 36 characters (32 random characters after the prefix)");
            }
            tokens.ensure("admin (DBTOOLS_ADMIN_TOKEN)", Role.SUPER_ADMIN, configuredToken);
            log.info("super-admin token from DBTOOLS_ADMIN_TOKEN is active");
            return;
        }
        if (tokens.anySuperAdmin()) {
            return;
        }
        TokenStore.Created created = tokens.create("admin (first start)", Role.SUPER_ADMIN, null);
        console.println();
        console.println("  First start: a super-admin API token was created. It is shown only this once:");
        console.println();
        console.println("    " + created.value());
        console.println();
        log.info("created the first super-admin token (id {})", created.token().id());
    }
}
