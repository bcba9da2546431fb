package io.dbtools.api.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code servers} table of a tenant database, and the labels and groups joined to it. */
public final class ServerRepository {

    /** A stored server, including the encrypted password the API never returns. */
    public record Row(long id, ServerSpec spec, byte[] passwordEnc, String status, String statusMessage, String version,
                      String edition, List<String> missingPermissions, Instant checkedAt, Instant createdAt, Instant updatedAt) {}

    /** Filters for the list; null means "any". Labels must all be present. */
    public record Query(String text, String name, String host, String engine, String status, String group, List<String> labels,
                        Boolean enabled, String sort) {}

    static final Map<String, String> SORTS = Map.of(
            "name", "s.name", "host", "s.host", "engine", "s.engine", "status", "s.status",
            "createdAt", "s.created_at", "updatedAt", "s.updated_at", "port", "s.port");

    private static final String COLUMNS = "s.id, s.name, s.engine, s.host, s.port, s.database_name, s.options::text, s.auth_type, "
            + "s.username, s.password_enc, s.secret_ref, s.tls_mode, s.tls_ca_file, s.tls_cert_file, s.tls_key_file, "
            + "s.tls_trust_server_certificate, s.enabled, s.status, s.status_message, s.version, s.edition, s.missing_permissions, "
            + "s.checked_at, s.created_at, s.updated_at";

    private final ObjectMapper mapper;

    public ServerRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public long insert(Db tx, ServerSpec s, byte[] passwordEnc, Instant now) {
        return tx.one("INSERT INTO servers (name, engine, host, port, database_name, options, auth_type, username, password_enc, "
                        + "secret_ref, tls_mode, tls_ca_file, tls_cert_file, tls_key_file, tls_trust_server_certificate, enabled, "
                        + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), s.name(), s.engine(), s.host(), s.port(), s.database(), json(s.options()), s.authType(),
                s.username(), passwordEnc, s.secretRef(), s.tls().mode(), s.tls().caFile(), s.tls().certFile(), s.tls().keyFile(),
                s.tls().trustServerCertificate(), s.enabled(), now, now).orElseThrow();
    }

    /** Updates everything but the credential, which {@link #setCredential} changes only when a new one is given. */
    public int update(Db tx, long id, ServerSpec s, Instant now) {
        return tx.update("UPDATE servers SET name = ?, engine = ?, host = ?, port = ?, database_name = ?, options = ?, auth_type = ?, "
                        + "username = ?, tls_mode = ?, tls_ca_file = ?, tls_cert_file = ?, tls_key_file = ?, "
                        + "tls_trust_server_certificate = ?, enabled = ?, updated_at = ? WHERE id = ?",
                s.name(), s.engine(), s.host(), s.port(), s.database(), json(s.options()), s.authType(), s.username(),
                s.tls().mode(), s.tls().caFile(), s.tls().certFile(), s.tls().keyFile(), s.tls().trustServerCertificate(),
                s.enabled(), now, id);
    }

    public void setCredential(Db tx, long id, byte[] passwordEnc, String secretRef) {
        tx.update("UPDATE servers SET password_enc = ?, secret_ref = ? WHERE id = ?", passwordEnc, secretRef, id);
    }

    public void setCheck(Db db, long id, ConnectionTester.Result r, Instant now) {
        db.update("UPDATE servers SET status = ?, status_message = ?, version = coalesce(?, version), edition = coalesce(?, edition), "
                        + "missing_permissions = ?, checked_at = ? WHERE id = ?",
                r.ok() ? (r.missingPermissions().isEmpty() ? "ok" : "missing_permissions") : r.kind(), r.message(),
                r.version(), r.edition(), r.missingPermissions().toArray(String[]::new), now, id);
    }

    public Optional<Row> find(Db db, long id) {
        return db.one("SELECT " + COLUMNS + " FROM servers s WHERE s.id = ?", this::read, id);
    }

    public int delete(Db db, long id) {
        return db.update("DELETE FROM servers WHERE id = ?", id);
    }

    /** What service discovery needs of a server, nothing more: SD is read far more often than servers change. */
    public record SdEntry(long id, String name, String engine) {}

    public List<SdEntry> enabledForSd(Db db) {
        return db.list("SELECT id, name, engine FROM servers WHERE enabled ORDER BY id",
                rs -> new SdEntry(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    public Paging.Page<Row> search(Db db, Query q, Paging paging) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (q.text() != null) {
            where.add("(s.name ILIKE ? OR s.host ILIKE ?)");
            params.add(like(q.text()));
            params.add(like(q.text()));
        }
        if (q.name() != null) {
            where.add("s.name ILIKE ?");
            params.add(like(q.name()));
        }
        if (q.host() != null) {
            where.add("s.host ILIKE ?");
            params.add(like(q.host()));
        }
        if (q.engine() != null) {
            where.add("s.engine = ?");
            params.add(q.engine());
        }
        if (q.status() != null) {
            where.add("s.status = ?");
            params.add(q.status());
        }
        if (q.enabled() != null) {
            where.add("s.enabled = ?");
            params.add(q.enabled());
        }
        if (q.group() != null) {
            where.add("EXISTS (SELECT 1 FROM server_group_members m JOIN server_groups g ON g.id = m.group_id "
                    + "WHERE m.server_id = s.id AND g.name = ?)");
            params.add(q.group());
        }
        for (String label : q.labels()) {
            where.add("EXISTS (SELECT 1 FROM server_labels sl JOIN labels l ON l.id = sl.label_id WHERE sl.server_id = s.id AND l.name = ?)");
            params.add(label);
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total = db.count("SELECT count(*) FROM servers s" + filter, params.toArray());
        params.add(paging.size());
        params.add(paging.offset());
        List<Row> rows = db.list("SELECT " + COLUMNS + " FROM servers s" + filter + " ORDER BY " + orderBy(q.sort()) + ", s.id LIMIT ? OFFSET ?",
                this::read, params.toArray());
        return paging.page(rows, total);
    }

    /** {@code name}, {@code -createdAt}, ...: a minus sorts descending. Unknown keys were refused by the controller. */
    static String orderBy(String sort) {
        if (sort == null) {
            return "s.name";
        }
        boolean desc = sort.startsWith("-");
        return SORTS.get(desc ? sort.substring(1) : sort) + (desc ? " DESC" : " ASC");
    }

    public Map<Long, List<Server.LabelRef>> labels(Db db, List<Long> serverIds) {
        Map<Long, List<Server.LabelRef>> out = new HashMap<>();
        if (serverIds.isEmpty()) {
            return out;
        }
        db.list("SELECT sl.server_id, l.name, l.color FROM server_labels sl JOIN labels l ON l.id = sl.label_id "
                        + "WHERE sl.server_id = ANY(?) ORDER BY l.name",
                rs -> Map.entry(rs.getLong(1), new Server.LabelRef(rs.getString(2), rs.getString(3))), (Object) serverIds.toArray(Long[]::new))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    public Map<Long, List<String>> groups(Db db, List<Long> serverIds) {
        Map<Long, List<String>> out = new HashMap<>();
        if (serverIds.isEmpty()) {
            return out;
        }
        db.list("SELECT m.server_id, g.name FROM server_group_members m JOIN server_groups g ON g.id = m.group_id "
                        + "WHERE m.server_id = ANY(?) ORDER BY g.name",
                rs -> Map.entry(rs.getLong(1), rs.getString(2)), (Object) serverIds.toArray(Long[]::new))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    private Row read(ResultSet rs) throws SQLException {
        Map<String, String> options;
        try {
            options = mapper.readValue(rs.getString(7), new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new SQLException("server options are not a JSON object", e);
        }
        var tls = new ServerRequest.TlsSettings(rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getBoolean(16));
        ServerSpec spec = new ServerSpec(rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), options,
                rs.getString(8), rs.getString(9), null, rs.getString(11), tls, rs.getBoolean(17), List.of());
        java.sql.Array missing = rs.getArray(22);
        return new Row(rs.getLong(1), spec, rs.getBytes(10), rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21),
                missing == null ? List.of() : Arrays.asList((String[]) missing.getArray()),
                Db.instant(rs, "checked_at"), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }

    private Db.Json json(Map<String, String> options) {
        try {
            return new Db.Json(mapper.writeValueAsString(options));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String like(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
