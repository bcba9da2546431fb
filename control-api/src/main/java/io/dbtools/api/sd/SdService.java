package io.dbtools.api.sd;

import io.dbtools.api.db.TenantPools;
import io.dbtools.api.server.ServerRepository;
import io.dbtools.api.server.ServerService;
import io.dbtools.api.server.ServerSpec;
import io.dbtools.exporter.SampleBuffer;
import io.dbtools.tenants.SecretBox;
import io.dbtools.tenants.Tenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Prometheus HTTP service discovery and the exporter's target lookup. Each enabled server is one
 * target group pointing at the exporter, with {@code __param_target} set to the server's stable
 * target id, so Prometheus scrapes {@code /probe?target=<id>} without any relabelling.
 */
public final class SdService {

    /** One entry of the HTTP SD response. */
    public record TargetGroup(List<String> targets, Map<String, String> labels) {}

    /** What the exporter needs to scrape one target; the only response that carries a decrypted password. */
    public record Lookup(String targetId, String tenant, String server, String engine, String host, int port, String database,
                         Map<String, String> options, String authType, String username, String password, String secretRef,
                         Object tls, List<String> labels) {

        @Override
        public String toString() {
            return "Lookup[" + targetId + "]";
        }
    }

    private final ServerRepository servers;
    private final TenantPools pools;
    private final SecretBox secrets;
    private final String exporterAddress;

    public SdService(ServerRepository servers, TenantPools pools, SecretBox secrets, String exporterAddress) {
        this.servers = servers;
        this.pools = pools;
        this.secrets = secrets;
        this.exporterAddress = exporterAddress;
    }

    /** @param shards 1 for everything; else only targets whose id hashes to {@code shard} */
    public List<TargetGroup> targets(List<Tenant> tenants, int shard, int shards) {
        List<TargetGroup> out = new ArrayList<>();
        for (Tenant t : tenants) {
            for (ServerRepository.SdEntry row : servers.enabledForSd(pools.db(t))) {
                String id = ServerService.targetId(t.slug(), row.id());
                if (shards > 1 && shardOf(id, shards) != shard) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("tenant", t.slug());
                labels.put("server", row.name());
                labels.put("engine", row.engine());
                labels.put("__param_target", id);
                out.add(new TargetGroup(List.of(exporterAddress), labels));
            }
        }
        out.sort(Comparator.comparing(g -> g.labels().get("__param_target")));
        return out;
    }

    /** Stable across restarts and API replicas: CRC32 of the target id. */
    public static int shardOf(String targetId, int shards) {
        CRC32 crc = new CRC32();
        crc.update(targetId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shards);
    }

    /**
     * Groups and labels of every enabled server as info metrics, the way dashboards and rules join
     * them in ({@code * on(tenant, server) group_left(group) dbtools_server_group_info}) instead of
     * multiplying them into every series.
     */
    public SampleBuffer inventory(List<Tenant> tenants) {
        SampleBuffer out = new SampleBuffer();
        for (Tenant t : tenants) {
            var db = pools.db(t);
            List<ServerRepository.SdEntry> rows = servers.enabledForSd(db);
            List<Long> ids = rows.stream().map(ServerRepository.SdEntry::id).toList();
            Map<Long, List<String>> groups = servers.groups(db, ids);
            var labels = servers.labels(db, ids);
            for (ServerRepository.SdEntry row : rows) {
                for (String group : groups.getOrDefault(row.id(), List.of())) {
                    out.info("dbtools_server_group_info", "Group membership of a server, from the control API.",
                            "tenant", t.slug(), "server", row.name(), "group", group);
                }
                for (var label : labels.getOrDefault(row.id(), List.of())) {
                    out.info("dbtools_server_label_info", "A label assigned to a server in the control API.",
                            "tenant", t.slug(), "server", row.name(), "label", label.name());
                }
            }
        }
        return out;
    }

    public Optional<Lookup> lookup(Tenant tenant, long serverId) {
        var db = pools.db(tenant);
        return servers.find(db, serverId).filter(r -> r.spec().enabled()).map(r -> {
            ServerSpec s = r.spec();
            List<String> labels = servers.labels(db, List.of(r.id())).getOrDefault(r.id(), List.of()).stream()
                    .map(l -> l.name()).toList();
            return new Lookup(ServerService.targetId(tenant.slug(), r.id()), tenant.slug(), s.name(), s.engine(), s.host(), s.port(),
                    s.database(), s.options(), s.authType(), s.username(),
                    r.passwordEnc() == null ? null : secrets.decrypt(r.passwordEnc()), s.secretRef(), s.tls(), labels);
        });
    }
}
