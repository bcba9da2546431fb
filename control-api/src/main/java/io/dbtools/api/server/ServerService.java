package io.dbtools.api.server;

import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.auth.Principal;
import io.dbtools.api.db.Db;
import io.dbtools.api.label.LabelRepository;
import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.Paging;
import io.dbtools.api.web.RequestContext.TenantScope;
import io.dbtools.tenants.SecretBox;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Onboarding: validate, optionally test through the engine plugin, store with the password encrypted. */
public final class ServerService {

    /** The outcome of a create or update: the server, and the connection check when one ran. */
    public record Saved(Server server, ConnectionTester.Result connection) {}

    /** validate:true and the plugin could not connect: nothing was saved. */
    public static final class ConnectionRefused extends RuntimeException {
        private final transient ConnectionTester.Result result;

        ConnectionRefused(ConnectionTester.Result result) {
            super("connection test failed (" + result.kind() + "): " + result.message(), null, false, false);
            this.result = result;
        }

        public ConnectionTester.Result result() {
            return result;
        }
    }

    private final ServerRepository servers;
    private final LabelRepository labels;
    private final ConnectionTester tester;
    private final Engines engines;
    private final SecretBox secrets;
    private final ActivityLog activity;
    private final Clock clock;

    public ServerService(ServerRepository servers, LabelRepository labels, ConnectionTester tester, Engines engines,
                         SecretBox secrets, ActivityLog activity, Clock clock) {
        this.servers = servers;
        this.labels = labels;
        this.tester = tester;
        this.engines = engines;
        this.secrets = secrets;
        this.activity = activity;
        this.clock = clock;
    }

    public ConnectionTester.Result testConnection(TenantScope scope, ServerRequest request) {
        ServerSpec spec = ServerSpec.from(request, engines, false, true);
        return tester.test(spec, spec.password(), budget(scope));
    }

    /** The tenant's connection_test_timeout_seconds (1-10); the tester caps it at 10 s whatever is stored. */
    static java.time.Duration budget(TenantScope scope) {
        return scope.db().one("SELECT value FROM settings WHERE key = 'connection_test_timeout_seconds'",
                        rs -> java.time.Duration.ofSeconds(Long.parseLong(rs.getString(1))))
                .orElse(ConnectionTester.MAX);
    }

    public Saved create(TenantScope scope, Principal actor, ServerRequest request) {
        ServerSpec spec = ServerSpec.from(request, engines, true, true);
        ConnectionTester.Result check = null;
        if (Boolean.TRUE.equals(request.validate())) {
            check = tester.test(spec, spec.password(), budget(scope));
            if (!check.ok()) {
                throw new ConnectionRefused(check);
            }
        }
        Instant now = clock.instant();
        byte[] enc = spec.password() == null ? null : secrets.encrypt(spec.password());
        ConnectionTester.Result checked = check;
        long id = unique(() -> scope.db().inTransaction(tx -> {
            long newId = servers.insert(tx, spec, enc, now);
            labels.setForServer(tx, newId, spec.labels());
            if (checked != null) {
                servers.setCheck(tx, newId, checked, now);
            }
            activity.record(tx, actor, "server.create", "server", newId, spec.name(), describe(spec));
            return newId;
        }), spec.name());
        return new Saved(get(scope, id), check);
    }

    public Saved update(TenantScope scope, Principal actor, long id, ServerRequest request) {
        ServerRepository.Row existing = row(scope, id);
        ServerSpec spec = ServerSpec.from(request, engines, true, false);
        String password = spec.password();
        boolean newCredential = spec.password() != null || spec.secretRef() != null;
        if (!newCredential && existing.passwordEnc() != null) {
            password = secrets.decrypt(existing.passwordEnc());
        }
        ServerSpec effective = newCredential ? spec : withSecretRef(spec, existing.spec().secretRef());
        ConnectionTester.Result check = null;
        if (Boolean.TRUE.equals(request.validate())) {
            check = tester.test(effective, password, budget(scope));
            if (!check.ok()) {
                throw new ConnectionRefused(check);
            }
        }
        Instant now = clock.instant();
        ConnectionTester.Result checked = check;
        unique(() -> scope.db().inTransaction(tx -> {
            servers.update(tx, id, spec, now);
            if (newCredential) {
                servers.setCredential(tx, id, spec.password() == null ? null : secrets.encrypt(spec.password()), spec.secretRef());
            }
            if (request.labels() != null) {
                labels.setForServer(tx, id, spec.labels());
            }
            if (checked != null) {
                servers.setCheck(tx, id, checked, now);
            }
            Map<String, Object> details = describe(spec);
            details.put("credentialChanged", newCredential);
            activity.record(tx, actor, "server.update", "server", id, spec.name(), details);
            return id;
        }), spec.name());
        return new Saved(get(scope, id), check);
    }

    /** Tests a stored server and records the outcome as its status. */
    public ConnectionTester.Result testStored(TenantScope scope, Principal actor, long id) {
        ServerRepository.Row row = row(scope, id);
        String password = row.passwordEnc() == null ? null : secrets.decrypt(row.passwordEnc());
        ConnectionTester.Result r = tester.test(row.spec(), password, budget(scope));
        servers.setCheck(scope.db(), id, r, clock.instant());
        activity.record(scope.db(), actor, "server.test", "server", id, row.spec().name(),
                Map.of("ok", r.ok(), "kind", r.kind() == null ? "ok" : r.kind()));
        return r;
    }

    public void delete(TenantScope scope, Principal actor, long id) {
        ServerRepository.Row row = row(scope, id);
        scope.db().inTransaction(tx -> {
            servers.delete(tx, id);
            activity.record(tx, actor, "server.delete", "server", id, row.spec().name(), Map.of("host", row.spec().host()));
            return null;
        });
    }

    public Server get(TenantScope scope, long id) {
        return views(scope, List.of(row(scope, id))).get(0);
    }

    public Paging.Page<Server> list(TenantScope scope, ServerRepository.Query query, Paging paging) {
        Paging.Page<ServerRepository.Row> rows = servers.search(scope.db(), query, paging);
        return new Paging.Page<>(views(scope, rows.items()), rows.total(), rows.page(), rows.size());
    }

    private ServerRepository.Row row(TenantScope scope, long id) {
        return servers.find(scope.db(), id).orElseThrow(() -> ApiError.notFound("no server " + id));
    }

    private List<Server> views(TenantScope scope, List<ServerRepository.Row> rows) {
        List<Long> ids = rows.stream().map(ServerRepository.Row::id).toList();
        var labelsById = servers.labels(scope.db(), ids);
        var groupsById = servers.groups(scope.db(), ids);
        String slug = scope.tenant().slug();
        return rows.stream().map(r -> {
            ServerSpec s = r.spec();
            return new Server(r.id(), targetId(slug, r.id()), s.name(), s.engine(), s.host(), s.port(), s.database(), s.options(),
                    s.authType(), s.username(), r.passwordEnc() != null, s.secretRef(), s.tls(), s.enabled(), r.status(),
                    r.statusMessage(), r.version(), r.edition(), r.missingPermissions(),
                    labelsById.getOrDefault(r.id(), List.of()), groupsById.getOrDefault(r.id(), List.of()),
                    r.checkedAt(), r.createdAt(), r.updatedAt());
        }).toList();
    }

    /** {@code <tenant slug>.<server id>}: slugs have no dots and ids are never reused, so it is stable and unique. */
    public static String targetId(String slug, long id) {
        return slug + "." + id;
    }

    private static ServerSpec withSecretRef(ServerSpec s, String secretRef) {
        return new ServerSpec(s.name(), s.engine(), s.host(), s.port(), s.database(), s.options(), s.authType(), s.username(),
                null, secretRef, s.tls(), s.enabled(), s.labels());
    }

    /** What the activity log keeps about a server: where it is, never its credential. */
    private static Map<String, Object> describe(ServerSpec s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("engine", s.engine());
        d.put("host", s.host());
        d.put("port", s.port());
        d.put("labels", s.labels());
        return d;
    }

    private static <T> T unique(java.util.function.Supplier<T> work, String name) {
        try {
            return work.get();
        } catch (Db.DbException e) {
            if (e.uniqueViolation()) {
                throw ApiError.conflict("name", "a server named '" + name + "' already exists in this tenant");
            }
            throw e;
        }
    }
}
