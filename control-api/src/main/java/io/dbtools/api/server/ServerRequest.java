package io.dbtools.api.server;

import java.util.List;
import java.util.Map;

/**
 * The body of POST/PUT /api/servers and POST /api/servers/test-connection. On PUT a null
 * password and secretRef keep the stored credential; either one replaces it.
 */
public record ServerRequest(
        String name,
        String engine,
        String host,
        Integer port,
        String database,
        Map<String, String> options,
        String authType,
        String username,
        String password,
        String secretRef,
        TlsSettings tls,
        Boolean enabled,
        List<String> labels,
        Boolean validate) {

    /** TLS as the plugins understand it ({@link io.dbtools.plugin.Target.Tls}). */
    public record TlsSettings(String mode, String caFile, String certFile, String keyFile, Boolean trustServerCertificate) {}

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ServerRequest[" + name + ", " + engine + ", " + host + ":" + port + "]";
    }
}
