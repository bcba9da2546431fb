package io.dbtools.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.policies.PolicyCatalog.Validation;
import io.dbtools.policies.PolicyCatalog.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultPolicyCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DefaultPolicyCatalog catalog = new DefaultPolicyCatalog();

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<Violation> invalid(String type, String spec) {
        Validation v = catalog.validate(type, json(spec));
        return assertInstanceOf(Validation.Invalid.class, v, () -> "expected violations, got " + v).violations();
    }

    private JsonNode valid(String type, String spec) {
        Validation v = catalog.validate(type, json(spec));
        return assertInstanceOf(Validation.Valid.class, v, () -> "expected valid, got " + v).withDefaults();
    }

    @Test
    void listsTheFourTypesWithTheirEnginesAndSchemas() {
        assertEquals(List.of("backup", "index_maintenance", "integrity_check", "custom_script"),
                catalog.types().stream().map(PolicyCatalog.PolicyType::name).toList());
        assertEquals(List.of("mssql", "postgres", "mongodb"), catalog.type("backup").orElseThrow().engines());
        assertEquals(List.of("mssql", "postgres"), catalog.type("custom_script").orElseThrow().engines());
        assertEquals("https://json-schema.org/draft/2020-12/schema",
                catalog.type("integrity_check").orElseThrow().schema().path("$schema").asText());
        assertTrue(catalog.type("vacuum").isEmpty());
    }

    @Test
    void anUnknownTypeIsOneViolationAtType() {
        List<Violation> v = invalid("vacuum", "{}");
        assertEquals(1, v.size());
        assertEquals("/type", v.get(0).path());
        assertTrue(v.get(0).message().contains("vacuum"), v.get(0).message());
    }

    @Test
    void reportsEveryViolationWithItsPath() {
        List<Violation> v = invalid("backup", """
                {"mssql": {"backup_type": "incremental", "compression": "yes", "retention_days": -1, "colour": "red"},
                 "postgres": {"format": "tar", "destination": "relative/dir", "jobs": 4},
                 "mongodb": {"gzip": true},
                 "oracle": {}}
                """);
        List<String> paths = v.stream().map(Violation::path).toList();
        for (String expected : List.of("/mssql/backup_type", "/mssql/compression", "/mssql/retention_days", "/mssql/colour",
                "/mssql/destination", "/postgres/format", "/postgres/destination", "/mongodb/destination", "/oracle")) {
            assertTrue(paths.contains(expected), expected + " missing from " + v);
        }
        assertTrue(v.stream().allMatch(x -> !x.message().isBlank()), v.toString());
        // jobs > 1 needs the directory format: reported at the format
        assertTrue(v.stream().anyMatch(x -> x.path().startsWith("/postgres") && x.message().contains("directory")), v.toString());
    }

    @Test
    void anEmptyOrNonObjectDocumentIsInvalid() {
        assertEquals("/", invalid("backup", "{}").get(0).path());
        assertEquals("/", invalid("integrity_check", "[1]").get(0).path());
        assertInstanceOf(Validation.Invalid.class, catalog.validate("backup", null));
    }

    @Test
    void crossFieldRulesAreReportedAlongsideSchemaViolations() {
        List<Violation> v = invalid("index_maintenance", """
                {"mssql": {"reorganize_threshold_percent": 40, "rebuild_threshold_percent": 20, "online": "on"}}
                """);
        assertEquals(List.of("/mssql/online", "/mssql/rebuild_threshold_percent"), v.stream().map(Violation::path).toList());
        assertTrue(v.get(1).message().contains("reorganize_threshold_percent (40)"), v.get(1).message());
    }

    @Test
    void sqlServerHasNoCopyOnlyDifferentials() {
        List<Violation> v = invalid("backup", """
                {"mssql": {"destination": "D:\\\\b", "backup_type": "differential", "copy_only": true}}
                """);
        assertEquals(List.of("/mssql/copy_only"), v.stream().map(Violation::path).toList());
        valid("backup", """
                {"mssql": {"destination": "D:\\\\b", "backup_type": "log", "copy_only": true}}
                """);
    }

    @Test
    void physicalOnlyChecksRefuseLogicalOptions() {
        List<Violation> v = invalid("integrity_check", """
                {"mssql": {"mode": "physical_only", "data_purity": true}}
                """);
        assertTrue(v.stream().anyMatch(x -> x.path().equals("/mssql/data_purity")), v.toString());
        valid("integrity_check", """
                {"mssql": {"mode": "full", "data_purity": true}}
                """);
    }

    @Test
    void fillsDefaultsIntoTheReturnedDocumentOnly() {
        JsonNode spec = json("""
                {"mssql": {"destination": "D:\\\\Backups", "backup_type": "log"}, "postgres": {"destination": "/var/backups/pg"}}
                """);
        JsonNode filled = assertInstanceOf(Validation.Valid.class, catalog.validate("backup", spec)).withDefaults();
        assertEquals(json("""
                {"mssql": {"destination": "D:\\\\Backups", "backup_type": "log", "compression": true, "copy_only": false,
                           "checksum": true, "verify": false, "retention_days": 14},
                 "postgres": {"destination": "/var/backups/pg", "method": "pg_dump", "format": "custom", "jobs": 1,
                              "compress_level": 6, "retention_days": 7}}
                """), filled);
        assertEquals(2, spec.path("mssql").size(), "the caller's document is left as it was");
        // an engine the policy does not mention gets no option set
        assertTrue(filled.path("mongodb").isMissingNode());
    }

    @Test
    void defaultsThroughReferencesAndForEveryType() {
        assertEquals(json("""
                {"postgres": {"bloat_threshold_percent": 30, "min_index_size_mb": 1, "reindex_concurrently": true,
                              "vacuum_analyze": true, "tables_include": [], "tables_exclude": []}}
                """), valid("index_maintenance", "{\"postgres\": {}}"));
        assertEquals(json("""
                {"postgres": {"script": "SELECT 1", "timeout_seconds": 300, "transaction": true}}
                """), valid("custom_script", "{\"postgres\": {\"script\": \"SELECT 1\"}}"));
        assertEquals(json("""
                {"mssql": {"mode": "physical_only", "extended_logical_checks": false, "data_purity": false, "tablock": false, "maxdop": 0}}
                """), valid("integrity_check", "{\"mssql\": {}}"));
    }
}
