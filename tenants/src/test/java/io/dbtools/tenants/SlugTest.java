package io.dbtools.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "-abc", "abc-", "ABC", "a_b_c", "a b c", "ac\u00e9", ""})
    void invalid_slugs_are_rejected(String slug) {
        assertThrows(IllegalArgumentException.class, () -> new Slug(slug));
    }

    @Test
    void a_51_character_slug_is_rejected_and_50_is_accepted() {
        assertThrows(IllegalArgumentException.class, () -> new Slug("a".repeat(51)));
        assertEquals(50, new Slug("a".repeat(50)).value().length());
    }

    @Test
    void database_name_maps_hyphens_to_underscores() {
        assertEquals("dbtools_tenant_acme_corp", new Slug("acme-corp").databaseName());
    }

    @Test
    void long_slugs_get_distinct_database_names_that_fit_postgres_identifiers() {
        String a = new Slug("x".repeat(49) + "a").databaseName();
        String b = new Slug("x".repeat(49) + "b").databaseName();
        assertTrue(a.length() <= 63, a);
        assertNotEquals(a, b);
    }
}
