package io.dbtools.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.EnginePlugin;
import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a standalone {@code targets.yml}. Every problem is reported at once, each
 * naming the file, the target and the field, so one start-up shows everything to fix.
 */
public final class TargetsFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,48}[a-z0-9]");
    private static final Set<String> TARGET_FIELDS = Set.of("name", "tenant", "server", "engine", "host", "port",
            "database", "username", "password", "auth", "private_key", "tls", "collectors", "options", "labels");
    private static final Set<String> TLS_FIELDS = Set.of("mode", "ca_file", "cert_file", "key_file", "trust_server_certificate");
    private static final Set<String> TLS_MODES = Set.of("disable", "prefer", "require", "verify-ca", "verify-full");
    private static final Set<String> AUTH_TYPES = Set.of("password", "kerberos", "key_pair", "none");
    private static final Set<String> SELECTION_FIELDS = Set.of("only", "include", "exclude");

    private final PluginRegistry plugins;

    public TargetsFile(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    public List<Target> load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        return parse(file.toString(), root);
    }

    List<Target> parse(String source, JsonNode root) {
        Problems p = new Problems(source);
        if (root == null || !root.isObject()) {
            p.add("", "", "the file must be a mapping with a 'targets' list");
            throw p.exception();
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("targets") && !f.equals("defaults")) p.add("", f, "unknown top-level field");
        }
        JsonNode defaults = root.path("defaults");
        JsonNode list = root.path("targets");
        if (!list.isArray() || list.isEmpty()) {
            p.add("", "targets", "must be a non-empty list");
            throw p.exception();
        }
        List<Target> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : list) {
            index++;
            String where = "target #" + index + (node.hasNonNull("name") ? " '" + node.get("name").asText() + "'" : "");
            if (!node.isObject()) {
                p.add(where, "", "must be a mapping");
                continue;
            }
            JsonNode merged = withDefaults(node, defaults);
            Target t = parseTarget(merged, where, p);
            String name = text(merged, "name");
            if (name != null && !names.add(name)) {
                p.add(where, "name", "duplicate target name '" + name + "'");
            }
            if (t != null) targets.add(t);
        }
        if (!p.isEmpty()) throw p.exception();
        return List.copyOf(targets);
    }

    private static JsonNode withDefaults(JsonNode node, JsonNode defaults) {
        if (!defaults.isObject()) return node;
        var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) defaults).deepCopy();
        copy.setAll((com.fasterxml.jackson.databind.node.ObjectNode) node);
        return copy;
    }

    private Target parseTarget(JsonNode n, String where, Problems p) {
        int before = p.size();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TARGET_FIELDS.contains(f)) p.add(where, f, "unknown field");
        }
        String name = text(n, "name");
        if (name == null) p.add(where, "name", "is required");
        else if (!NAME.matcher(name).matches()) p.add(where, "name", "must be letters, digits, '.', '_' or '-' (max 128)");

        String tenant = text(n, "tenant");
        if (tenant == null) p.add(where, "tenant", "is required");
        else if (!TENANT.matcher(tenant).matches()) p.add(where, "tenant", "must be 3-50 lowercase letters, digits or hyphens");

        String engine = text(n, "engine");
        EnginePlugin plugin = null;
        if (engine == null) p.add(where, "engine", "is required (one of " + plugins.engines() + ")");
        else {
            plugin = plugins.forEngine(engine).orElse(null);
            if (plugin == null) p.add(where, "engine", "unknown engine '" + engine + "' (known: " + plugins.engines() + ")");
        }

        String host = text(n, "host");
        if (host == null || host.isBlank()) p.add(where, "host", "is required");

        int port = 0;
        if (n.has("port")) {
            JsonNode pn = n.get("port");
            if (!pn.canConvertToInt() || pn.asInt() < 1 || pn.asInt() > 65535 || !(pn.isInt() || pn.isTextual() && pn.asText().matches("\\d+"))) {
                p.add(where, "port", "must be a number from 1 to 65535");
            } else port = pn.asInt();
        } else if (plugin != null) {
            port = plugin.defaultPort(engine);
        }

        String auth = n.has("auth") ? text(n, "auth") : "password";
        if (!AUTH_TYPES.contains(auth)) p.add(where, "auth", "must be one of " + AUTH_TYPES);
        SecretRef password = secret(n, "password", where, p);
        SecretRef privateKey = secret(n, "private_key", where, p);
        if ("password".equals(auth) && !n.hasNonNull("password")) p.add(where, "password", "is required for auth 'password' (env:VAR, file:/path or inline:value)");
        if ("key_pair".equals(auth) && !n.hasNonNull("private_key")) p.add(where, "private_key", "is required for auth 'key_pair'");
        String username = text(n, "username");
        if (!"none".equals(auth) && !"kerberos".equals(auth) && (username == null || username.isBlank())) {
            p.add(where, "username", "is required");
        }

        Target.Tls tls = tls(n.path("tls"), where, p);
        CollectorSelection selection = selection(n.path("collectors"), plugin, where, p);
        Map<String, String> options = scalarMap(n.path("options"), where, "options", p);
        Map<String, String> labels = scalarMap(n.path("labels"), where, "labels", p);
        for (String key : labels.keySet()) {
            if (!key.matches("[a-z_][a-z0-9_]*")) p.add(where, "labels." + key, "label names must be lowercase snake_case");
        }

        if (p.size() > before) return null;
        String server = n.hasNonNull("server") ? text(n, "server") : name;
        return new Target(name, tenant, server, engine, host, port, text(n, "database"),
                new Target.Credentials(auth, username, password, privateKey), tls, selection, options, labels);
    }

    private static SecretRef secret(JsonNode n, String field, String where, Problems p) {
        if (!n.hasNonNull(field)) return null;
        try {
            return SecretRef.parse(n.get(field).asText());
        } catch (IllegalArgumentException e) {
            p.add(where, field, e.getMessage());
            return null;
        }
    }

    private static Target.Tls tls(JsonNode t, String where, Problems p) {
        if (t.isMissingNode() || t.isNull()) return Target.Tls.PREFER;
        if (!t.isObject()) {
            p.add(where, "tls", "must be a mapping");
            return null;
        }
        for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TLS_FIELDS.contains(f)) p.add(where, "tls." + f, "unknown field");
        }
        String mode = t.hasNonNull("mode") ? t.get("mode").asText() : "prefer";
        if (!TLS_MODES.contains(mode)) p.add(where, "tls.mode", "must be one of " + TLS_MODES);
        for (String f : List.of("ca_file", "cert_file", "key_file")) {
            if (t.hasNonNull(f) && !Files.isReadable(Path.of(t.get(f).asText()))) {
                p.add(where, "tls." + f, "file not readable: " + t.get(f).asText());
            }
        }
        return new Target.Tls(mode, text(t, "ca_file"), text(t, "cert_file"), text(t, "key_file"),
                t.path("trust_server_certificate").asBoolean(false));
    }

    private static CollectorSelection selection(JsonNode s, EnginePlugin plugin, String where, Problems p) {
        if (s.isMissingNode() || s.isNull()) return CollectorSelection.DEFAULTS;
        if (!s.isObject()) {
            p.add(where, "collectors", "must be a mapping with only/include/exclude lists");
            return CollectorSelection.DEFAULTS;
        }
        Set<String> known = new LinkedHashSet<>();
        if (plugin != null) plugin.collectors().stream().map(CollectorInfo::name).forEach(known::add);
        Map<String, Set<String>> lists = new LinkedHashMap<>();
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!SELECTION_FIELDS.contains(f)) {
                p.add(where, "collectors." + f, "unknown field (use only, include or exclude)");
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            JsonNode arr = s.get(f);
            if (!arr.isArray()) {
                p.add(where, "collectors." + f, "must be a list of collector names");
                continue;
            }
            for (JsonNode c : arr) {
                if (plugin != null && !known.contains(c.asText())) {
                    p.add(where, "collectors." + f, "unknown collector '" + c.asText() + "' (known: " + known + ")");
                }
                names.add(c.asText());
            }
            lists.put(f, names);
        }
        return new CollectorSelection(lists.getOrDefault("only", Set.of()), lists.getOrDefault("include", Set.of()),
                lists.getOrDefault("exclude", Set.of()));
    }

    private static Map<String, String> scalarMap(JsonNode m, String where, String field, Problems p) {
        if (m.isMissingNode() || m.isNull()) return Map.of();
        if (!m.isObject()) {
            p.add(where, field, "must be a mapping");
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isValueNode()) p.add(where, field + "." + e.getKey(), "must be a single value");
            else out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static final class Problems {
        private final String source;
        private final List<String> items = new ArrayList<>();

        Problems(String source) {
            this.source = source;
        }

        void add(String where, String field, String problem) {
            StringBuilder b = new StringBuilder(source).append(": ");
            if (!where.isEmpty()) b.append(where).append(": ");
            if (!field.isEmpty()) b.append("field '").append(field).append("': ");
            items.add(b.append(problem).toString());
        }

        int size() {
            return items.size();
        }

        boolean isEmpty() {
            return items.isEmpty();
        }

        ConfigException exception() {
            return new ConfigException(items);
        }
    }
}
