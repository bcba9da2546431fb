package io.dbtools.api.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A server as the API returns it. It says whether a password is stored, never what it is.
 *
 * @param targetId the stable id Prometheus passes to the exporter ({@code <tenant>.<id>})
 */
public record Server(
        long id,
        String targetId,
        String name,
        String engine,
        String host,
        int port,
        String database,
        Map<String, String> options,
        String authType,
        String username,
        boolean passwordSet,
        String secretRef,
        ServerRequest.TlsSettings tls,
        boolean enabled,
        String status,
        String statusMessage,
        String version,
        String edition,
        List<String> missingPermissions,
        List<LabelRef> labels,
        List<String> groups,
        Instant checkedAt,
        Instant createdAt,
        Instant updatedAt) {

    public record LabelRef(String name, String color) {}
}
