package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.testing.TestApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class OpenApiTest {

    @Test
    void every_registered_route_is_documented_and_nothing_else() {
        JsonNode doc = TestApi.http().get("/api/openapi.json", null, null).json();
        assertEquals("3.0.3", doc.get("openapi").asText());
        List<String> missing = new ArrayList<>();
        List<String> registered = new ArrayList<>();
        for (ApiApp.Route r : TestApi.app().routes()) {
            String key = r.method() + " " + r.path();
            registered.add(key);
            if (doc.path("paths").path(r.path()).path(r.method().toLowerCase(Locale.ROOT)).isMissingNode()) {
                missing.add(key);
            }
        }
        assertTrue(missing.isEmpty(), "routes without documentation: " + missing);
        List<String> stale = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(p -> doc.get("paths").get(p).fieldNames().forEachRemaining(m -> {
            if (!registered.contains(m.toUpperCase(Locale.ROOT) + " " + p)) {
                stale.add(m + " " + p);
            }
        }));
        assertTrue(stale.isEmpty(), "documented but not routed: " + stale);
        assertTrue(registered.size() >= 30, registered.toString());
    }

    @Test
    void every_schema_reference_resolves() {
        JsonNode doc = TestApi.http().get("/api/openapi.json", null, null).json();
        List<String> broken = new ArrayList<>();
        walk(doc, doc, broken);
        assertTrue(broken.isEmpty(), broken.toString());
    }

    private static void walk(JsonNode root, JsonNode node, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && root.at(ref.asText().substring(1)).isMissingNode()) {
                broken.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> walk(root, child, broken));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> walk(root, child, broken));
        }
    }
}
