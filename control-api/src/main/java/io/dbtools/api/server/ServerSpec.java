package io.dbtools.api.server;

import io.dbtools.api.web.ApiError;
import io.dbtools.plugin.SecretRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A validated, defaulted server request. Every check names the field it is about, and no
 * message repeats the password.
 */
public record ServerSpec(
        String name,
        String engine,
        String host,
        int port,
        String database,
        Map<String, String> options,
        String authType,
        String username,
        String password,
        String secretRef,
        ServerRequest.TlsSettings tls,
        boolean enabled,
        List<String> labels) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");
    private static final Pattern OPTION_KEY = Pattern.compile("[a-z][a-z0-9_]{0,49}");
    static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,49}");
    private static final Set<String> AUTH_TYPES = Set.of("password", "kerberos", "key_pair", "none");
    private static final Set<String> TLS_MODES = Set.of("disable", "prefer", "require", "verify-ca", "verify-full");

    /**
     * @param requireName false for test-connection, where the server needs no name yet
     * @param credentialRequired false on PUT, where a missing password keeps the stored one
     */
    public static ServerSpec from(ServerRequest r, Engines engines, boolean requireName, boolean credentialRequired) {
        String name = trim(r.name());
        if (requireName && (name == null || !NAME.matcher(name).matches())) {
            throw ApiError.badRequest("name", "name must be 1-100 characters: letters, digits, '.', '_', ':' or '-'");
        }
        String engine = trim(r.engine());
        if (engine == null || !Engines.ALL.contains(engine)) {
            throw ApiError.badRequest("engine", "engine must be one of " + Engines.ALL);
        }
        String host = trim(r.host());
        if (host == null || !HOST.matcher(host).matches()) {
            throw ApiError.badRequest("host", "host must be a host name or IP address");
        }
        int port = r.port() == null ? engines.defaultPort(engine) : r.port();
        if (port < 1 || port > 65535) {
            throw ApiError.badRequest("port", "port must be between 1 and 65535");
        }
        Map<String, String> options = new TreeMap<>(r.options() == null ? Map.of() : r.options());
        for (var e : options.entrySet()) {
            if (!OPTION_KEY.matcher(e.getKey()).matches()) {
                throw ApiError.badRequest("options." + e.getKey(), "option names are lowercase letters, digits and '_'");
            }
            if (e.getValue() == null || e.getValue().length() > 500) {
                throw ApiError.badRequest("options." + e.getKey(), "option values are strings of at most 500 characters");
            }
        }
        if ("snowflake".equals(engine) && !options.containsKey("account")) {
            throw ApiError.badRequest("options.account", "a snowflake server needs its account identifier");
        }
        String authType = r.authType() == null ? "password" : r.authType();
        if (!AUTH_TYPES.contains(authType)) {
            throw ApiError.badRequest("authType", "authType must be one of " + new TreeMap<>(Map.of(
                    "password", 1, "kerberos", 1, "key_pair", 1, "none", 1)).keySet());
        }
        String username = trim(r.username());
        if (!"none".equals(authType) && username == null) {
            throw ApiError.badRequest("username", "username is required for " + authType + " authentication");
        }
        if (r.password() != null && r.secretRef() != null) {
            throw ApiError.badRequest("secretRef", "give either password or secretRef, not both");
        }
        if (r.password() != null && (r.password().isEmpty() || r.password().length() > 1000)) {
            throw ApiError.badRequest("password", "password must be 1-1000 characters");
        }
        if (r.secretRef() != null) {
            SecretRef ref;
            try {
                ref = SecretRef.parse(r.secretRef());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("secretRef", "secretRef must be env:VAR or file:/path");
            }
            if ("inline".equals(ref.scheme())) {
                // An inline reference would store the password in plain text; send it as password instead.
                throw ApiError.badRequest("secretRef", "secretRef must be env:VAR or file:/path; send a literal password as password");
            }
        }
        if (credentialRequired && ("password".equals(authType) || "key_pair".equals(authType))
                && r.password() == null && r.secretRef() == null) {
            throw ApiError.badRequest("password", authType + " authentication needs a password or a secretRef");
        }
        ServerRequest.TlsSettings tls = r.tls() == null
                ? new ServerRequest.TlsSettings("prefer", null, null, null, false)
                : new ServerRequest.TlsSettings(r.tls().mode() == null ? "prefer" : r.tls().mode(), r.tls().caFile(),
                        r.tls().certFile(), r.tls().keyFile(), Boolean.TRUE.equals(r.tls().trustServerCertificate()));
        if (!TLS_MODES.contains(tls.mode())) {
            throw ApiError.badRequest("tls.mode", "tls.mode must be one of disable, prefer, require, verify-ca, verify-full");
        }
        List<String> labels = r.labels() == null ? List.of() : r.labels().stream().map(String::strip).distinct().toList();
        for (int i = 0; i < labels.size(); i++) {
            if (!LABEL.matcher(labels.get(i)).matches()) {
                throw ApiError.badRequest("labels[" + i + "]", "labels are 1-50 lowercase letters, digits, '_', '.', ':' or '-'");
            }
        }
        return new ServerSpec(name, engine, host, port, trim(r.database()), options, authType, username, r.password(),
                r.secretRef(), tls, r.enabled() == null || r.enabled(), labels);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "ServerSpec[" + name + ", " + engine + ", " + host + ":" + port + "]";
    }
}
