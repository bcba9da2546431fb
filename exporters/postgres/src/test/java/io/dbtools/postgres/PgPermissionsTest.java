package io.dbtools.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CockroachDB's missing privileges, from the grants of the documented SHOW SYSTEM GRANTS example (max:
 * VIEWACTIVITY, VIEWCLUSTERMETADATA, VIEWDEBUG; alice: VIEWACTIVITYREDACTED, NOSQLLOGIN), constructed here as
 * the rows the privilege query would return for each user.
 */
class PgPermissionsTest {

    private static final Map<String, List<String>> DOCUMENTED_GRANTS = Map.of(
            "max", List.of("VIEWACTIVITY", "VIEWCLUSTERMETADATA", "VIEWDEBUG"),
            "alice", List.of("VIEWACTIVITYREDACTED", "NOSQLLOGIN"));

    @Test
    void a_user_with_viewactivity_and_viewclustermetadata_lacks_nothing() {
        assertEquals(List.of(), PgPermissions.crdbMissing(DOCUMENTED_GRANTS.get("max")));
    }

    @Test
    void viewactivityredacted_is_enough_for_activity_but_the_missing_viewclustermetadata_is_named() {
        List<String> missing = PgPermissions.crdbMissing(DOCUMENTED_GRANTS.get("alice"));
        assertEquals(1, missing.size(), missing.toString());
        assertTrue(missing.get(0).startsWith("VIEWCLUSTERMETADATA"), missing.get(0));
        assertTrue(missing.get(0).contains("GRANT SYSTEM VIEWCLUSTERMETADATA TO"), missing.get(0));
    }

    @Test
    void a_user_without_grants_is_told_both_and_an_admin_or_system_all_lacks_nothing() {
        List<String> missing = PgPermissions.crdbMissing(List.of());
        assertEquals(2, missing.size());
        assertTrue(missing.get(0).startsWith("VIEWACTIVITY system privilege (or VIEWACTIVITYREDACTED)"), missing.get(0));
        assertTrue(missing.get(1).startsWith("VIEWCLUSTERMETADATA"), missing.get(1));
        assertEquals(List.of(), PgPermissions.crdbMissing(List.of("ALL")));
        assertEquals(List.of(), PgPermissions.crdbMissing(List.of("viewactivity", "viewclustermetadata")), "case as printed");
    }

    @Test
    void the_privilege_query_counts_grants_through_roles_and_admin_membership() {
        String sql = PgPermissions.CRDB_PRIVILEGES;
        assertTrue(sql.contains("FROM [SHOW SYSTEM GRANTS] WHERE pg_has_role(current_user, grantee, 'MEMBER')"), sql);
        assertTrue(sql.contains("pg_has_role(current_user, 'admin', 'MEMBER')"), sql);
    }
}
