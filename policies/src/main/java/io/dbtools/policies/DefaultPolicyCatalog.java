package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.ApplyDefaultsStrategy;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The four built-in policy types, each described by a JSON Schema (draft 2020-12) on the class path
 * ({@code io/dbtools/policies/schemas/<type>.schema.json}). A document's option sets are keyed by
 * engine ({@code mssql}, {@code postgres}, {@code mongodb}), so one policy can be assigned to a
 * group of mixed servers. Validation reports every violation at once, each at a JSON Pointer; a
 * valid document comes back with the schema's defaults filled in, so what is stored is what runs.
 */
public final class DefaultPolicyCatalog implements PolicyCatalog {

    public static final List<String> TYPE_NAMES = List.of("backup", "index_maintenance", "integrity_check", "custom_script");

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(PolicyType type, JsonSchema validator, JsonSchema defaulter) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public DefaultPolicyCatalog() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig validating = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        SchemaValidatorsConfig defaulting = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // fill missing properties and null values; leave arrays' items as they are
                .applyDefaultsStrategy(new ApplyDefaultsStrategy(true, true, false))
                .build();
        for (String name : TYPE_NAMES) {
            JsonNode schema = load(name);
            List<String> engines = new ArrayList<>();
            schema.path("properties").fieldNames().forEachRemaining(engines::add);
            PolicyType type = new PolicyType(name, schema.path("title").asText(name), List.copyOf(engines), schema);
            entries.put(name, new Entry(type, factory.getSchema(schema, validating), factory.getSchema(schema, defaulting)));
        }
    }

    private static JsonNode load(String name) {
        String resource = "schemas/" + name + ".schema.json";
        try (InputStream in = DefaultPolicyCatalog.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing class path resource io/dbtools/policies/" + resource);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + name + " policy schema", e);
        }
    }

    @Override
    public List<PolicyType> types() {
        return entries.values().stream().map(Entry::type).toList();
    }

    @Override
    public Optional<PolicyType> type(String name) {
        return Optional.ofNullable(name == null ? null : entries.get(name)).map(Entry::type);
    }

    @Override
    public Validation validate(String type, JsonNode spec) {
        Entry entry = type == null ? null : entries.get(type);
        if (entry == null) {
            return new Validation.Invalid(List.of(new Violation("/type",
                    "unknown policy type" + (type == null ? "" : " '" + type + "'") + "; known: " + String.join(", ", TYPE_NAMES))));
        }
        JsonNode document = spec == null ? NullNode.getInstance() : spec;
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage m : entry.validator().validate(document)) {
            violations.add(violation(m));
        }
        violations.addAll(PolicyRules.check(type, document));
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Violation::path).thenComparing(Violation::message));
            return new Validation.Invalid(List.copyOf(violations.stream().distinct().toList()));
        }
        JsonNode filled = document.deepCopy();
        entry.defaulter().walk(filled, false);
        return new Validation.Valid(filled);
    }

    /**
     * The path of the offending value: for a missing or an unexpected property that is the property
     * itself, not the object holding it, so a form can mark the right field.
     */
    private static Violation violation(ValidationMessage m) {
        String at = m.getInstanceLocation().toString();
        String path = at.isEmpty() || at.equals("/") ? "" : at;
        String keyword = m.getType();
        if (("required".equals(keyword) || "additionalProperties".equals(keyword) || "dependentRequired".equals(keyword))
                && m.getProperty() != null) {
            path = path + "/" + m.getProperty();
        }
        return new Violation(path.isEmpty() ? "/" : path, m.getError());
    }
}
