package io.dbtools.policies.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.policies.DefaultPolicyCatalog;
import io.dbtools.policies.PolicyCatalog.Validation;

/** Policy documents as the control API stores them: validated by the catalog, defaults filled. */
public final class Specs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPolicyCatalog CATALOG = new DefaultPolicyCatalog();

    private Specs() {}

    public static JsonNode valid(String type, String json) {
        try {
            Validation v = CATALOG.validate(type, JSON.readTree(json));
            if (v instanceof Validation.Valid ok) return ok.withDefaults();
            throw new IllegalArgumentException("invalid " + type + " policy: " + v);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
