package io.dbtools.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Servers to onboard, from YAML (a list, or a tenant spec with {@code servers:}, see
 * tenants/examples) or CSV (one server per line, columns named like the API's fields;
 * {@code labels} and {@code groups} separated by ';', {@code tls_mode}, {@code option_<name>}).
 * Each row becomes the JSON body of POST /api/servers plus the groups to join.
 */
public final class ImportFile {

    /** @param line the 1-based line (CSV) or list position (YAML) operators see in the report */
    public record Row(int line, ObjectNode server, List<String> groups) {

        public String name() {
            return server.path("name").asText("(no name)");
        }
    }

    private ImportFile() {}

    public static List<Row> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv")) {
            return csv(file);
        }
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            return yaml(file);
        }
        throw new IllegalArgumentException("the import file must end in .yml, .yaml or .csv: " + file);
    }

    static List<Row> yaml(Path file) throws IOException {
        JsonNode root = new YAMLMapper().readTree(file.toFile());
        JsonNode list = root != null && root.isObject() ? root.path("servers") : root;
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(file + " must hold a list of servers, or a 'servers:' list");
        }
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (JsonNode n : list) {
            i++;
            if (!n.isObject()) {
                throw new IllegalArgumentException(file + ": server " + i + " is not a mapping");
            }
            ObjectNode server = ((ObjectNode) n).deepCopy();
            rows.add(new Row(i, server, groups(server.remove("groups"))));
        }
        return rows;
    }

    static List<Row> csv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(Files.newBufferedReader(file))) {
            int line = 1;
            while (it.hasNext()) {
                line++;
                rows.add(fromCsv(line, it.next()));
            }
        }
        return rows;
    }

    private static Row fromCsv(int line, Map<String, String> cells) {
        ObjectNode server = JsonNodeFactory.instance.objectNode();
        List<String> groups = List.of();
        for (var e : cells.entrySet()) {
            String key = e.getKey().strip();
            String value = e.getValue() == null ? "" : e.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            switch (key) {
                case "port" -> {
                    try {
                        server.put("port", Integer.parseInt(value));
                    } catch (NumberFormatException ex) {
                        server.put("port", value); // the API names the field and the type
                    }
                }
                case "enabled", "validate" -> server.put(key, Boolean.parseBoolean(value));
                case "labels" -> {
                    ArrayNode labels = server.putArray("labels");
                    split(value).forEach(labels::add);
                }
                case "groups" -> groups = split(value);
                case "tls_mode" -> server.putObject("tls").put("mode", value);
                default -> {
                    if (key.startsWith("option_")) {
                        ObjectNode options = server.has("options") ? (ObjectNode) server.get("options") : server.putObject("options");
                        options.put(key.substring("option_".length()), value);
                    } else {
                        server.put(key, value);
                    }
                }
            }
        }
        return new Row(line, server, groups);
    }

    private static List<String> split(String value) {
        return java.util.Arrays.stream(value.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> groups(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        node.forEach(g -> out.add(g.asText()));
        return out;
    }

}
