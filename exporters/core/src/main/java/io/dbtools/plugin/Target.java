package io.dbtools.plugin;

import java.util.Map;
import java.util.Optional;

/**
 * One monitored server as the exporter sees it.
 *
 * @param name unique id, used by {@code /probe?target=}
 * @param server the server's display name (the {@code server} label)
 * @param options engine-specific settings, e.g. {@code instance}, {@code account}, {@code warehouse},
 *     {@code statements_top_n}
 * @param labels free labels, exposed once on {@code dbtools_server_info}
 */
public record Target(
        String name,
        String tenant,
        String server,
        String engine,
        String host,
        int port,
        String database,
        Credentials credentials,
        Tls tls,
        CollectorSelection collectors,
        Map<String, String> options,
        Map<String, String> labels) {

    public Target {
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    public int intOption(String key, int fallback) {
        String v = options.get(key);
        return v == null ? fallback : Integer.parseInt(v.strip());
    }

    /** host:port, the address operators recognise. */
    public String address() {
        return host + ":" + port;
    }

    /**
     * @param authType {@code password}, {@code kerberos} (integrated), {@code key_pair}, or {@code none}
     * @param password may be null when the auth type needs none
     * @param privateKey PEM key for key-pair auth, may be null
     */
    public record Credentials(String authType, String username, SecretRef password, SecretRef privateKey) {
        public static Credentials password(String username, SecretRef password) {
            return new Credentials("password", username, password, null);
        }
    }

    /**
     * @param mode {@code disable}, {@code prefer}, {@code require}, {@code verify-ca}, {@code verify-full}
     * @param trustServerCertificate accept any server certificate (encrypted, not verified)
     */
    public record Tls(String mode, String caFile, String certFile, String keyFile, boolean trustServerCertificate) {
        public static final Tls PREFER = new Tls("prefer", null, null, null, false);
    }
}
