package io.dbtools.api.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alert occurrences and their events, in a tenant's database ({@link Tables#TENANT}) or in the
 * system database for alerts of no known tenant ({@link Tables#PLATFORM}); both have the same shape.
 */
public final class AlertStore {

    /** The two stores; the platform one also keeps the tenant label as received. */
    public record Tables(String alerts, String events, boolean platform) {
        public static final Tables TENANT = new Tables("alerts", "alert_events", false);
        public static final Tables PLATFORM = new Tables("platform_alerts", "platform_alert_events", true);
    }

    /** A real change to one occurrence, to be written to the activity log. */
    public record Change(long alertId, String status, String alertname, String server, String severity, String fingerprint) {}

    /** {@code state}: active (firing), resolved or all; the others match exactly when given. */
    public record Filter(String state, String severity, String server, String alertname) {}

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final ObjectMapper mapper;

    public AlertStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Applies one alert of a notification. The occurrence is (fingerprint, startsAt), so Alertmanager
     * retrying or repeating a notification changes nothing but edited annotations;
     * a resolved occurrence stays resolved (a late retry of its firing notification is ignored); a
     * new occurrence of a fingerprint resolves the older ones still marked firing (their resolution
     * was missed, since Alertmanager holds one alert per fingerprint).
     */
    public List<Change> apply(Db tx, Tables t, WebhookPayload.Incoming a, Instant now, String actor) {
        List<Change> changes = new ArrayList<>();
        Db.Json labels = json(a.labels());
        Db.Json annotations = json(a.annotations());
        Optional<Long> inserted = tx.one("INSERT INTO " + t.alerts() + " (" + (t.platform() ? "tenant, " : "")
                        + "fingerprint, starts_at, ends_at, status, alertname, severity, server, labels, annotations, generator_url, "
                        + "created_at, updated_at) VALUES (" + (t.platform() ? "?, " : "") + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (fingerprint, starts_at) DO NOTHING RETURNING id",
                rs -> rs.getLong(1), params(t.platform(), a.tenant(), a.fingerprint(), a.startsAt(), a.endsAt(), a.status(),
                        a.alertname(), a.severity(), a.server(), labels, annotations, a.generatorUrl(), now, now));
        if (inserted.isPresent()) {
            if (a.firing()) {
                changes.addAll(supersede(tx, t, a, now, actor));
            }
            event(tx, t, inserted.get(), now, a.status(), actor, Map.of("startsAt", a.startsAt().toString()));
            changes.add(new Change(inserted.get(), a.status(), a.alertname(), a.server(), a.severity(), a.fingerprint()));
            return changes;
        }
        var existing = tx.one("SELECT id, status FROM " + t.alerts() + " WHERE fingerprint = ? AND starts_at = ? FOR UPDATE",
                rs -> Map.entry(rs.getLong(1), rs.getString(2)), a.fingerprint(), a.startsAt()).orElseThrow();
        long id = existing.getKey();
        if ("resolved".equals(existing.getValue())) {
            if (!a.firing() && a.endsAt() != null) {
                correctReconciledEnd(tx, t, id, a.endsAt(), now);
            }
            return changes;
        }
        if (a.firing()) {
            // a repeat: keep annotations (and labels) current, without an event, and only touch the row when they changed
            tx.update("UPDATE " + t.alerts() + " SET ends_at = ?, labels = ?, annotations = ?, generator_url = ?, updated_at = ? "
                            + "WHERE id = ? AND (ends_at IS DISTINCT FROM ? OR labels <> ?::jsonb OR annotations <> ?::jsonb)",
                    a.endsAt(), labels, annotations, a.generatorUrl(), now, id, a.endsAt(), labels.text(), annotations.text());
            return changes;
        }
        tx.update("UPDATE " + t.alerts() + " SET status = 'resolved', ends_at = ?, labels = ?, annotations = ?, updated_at = ? WHERE id = ?",
                a.endsAt(), labels, annotations, now, id);
        event(tx, t, id, now, "resolved", actor, Map.of("endsAt", String.valueOf(a.endsAt())));
        changes.add(new Change(id, "resolved", a.alertname(), a.server(), a.severity(), a.fingerprint()));
        return changes;
    }

    /**
     * The reconciler resolves an occurrence when it notices, not when it ended. Once it has expired
     * the silence, Alertmanager may still send the held-back resolved notification with the real
     * {@code endsAt}: that earlier time replaces the noticed one, without another event.
     */
    private void correctReconciledEnd(Db tx, Tables t, long id, Instant endsAt, Instant now) {
        tx.update("UPDATE " + t.alerts() + " a SET ends_at = ?, updated_at = ? WHERE a.id = ? AND a.ends_at > ? AND a.starts_at <= ? "
                        + "AND EXISTS (SELECT 1 FROM " + t.events() + " e WHERE e.alert_id = a.id AND e.kind = 'resolved' AND e.actor = ?)",
                endsAt, now, id, endsAt, endsAt, AlertReconciler.ACTOR);
    }

    private List<Change> supersede(Db tx, Tables t, WebhookPayload.Incoming a, Instant now, String actor) {
        List<Change> out = tx.list("UPDATE " + t.alerts() + " SET status = 'resolved', ends_at = ?, updated_at = ? "
                        + "WHERE fingerprint = ? AND status = 'firing' AND starts_at < ? RETURNING id, alertname, server, severity",
                rs -> new Change(rs.getLong(1), "resolved", rs.getString(2), rs.getString(3), rs.getString(4), a.fingerprint()),
                a.startsAt(), now, a.fingerprint(), a.startsAt());
        for (Change c : out) {
            event(tx, t, c.alertId(), now, "resolved", actor, Map.of("reason", "a newer occurrence started", "endsAt", a.startsAt().toString()));
        }
        return out;
    }

    public void event(Db tx, Tables t, long alertId, Instant at, String kind, String actor, Map<String, ?> details) {
        tx.update("INSERT INTO " + t.events() + " (alert_id, at, kind, actor, details) VALUES (?, ?, ?, ?, ?)",
                alertId, at, kind, actor, json(details));
    }

    public Paging.Page<Alert> search(Db db, Tables t, Filter f, Paging paging) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        switch (f.state()) {
            case "active" -> where.add("status = 'firing'");
            case "resolved" -> where.add("status = 'resolved'");
            default -> { }
        }
        if (f.severity() != null) {
            where.add("severity = ?");
            params.add(f.severity());
        }
        if (f.server() != null) {
            where.add("server = ?");
            params.add(f.server());
        }
        if (f.alertname() != null) {
            where.add("alertname = ?");
            params.add(f.alertname());
        }
        String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total = db.count("SELECT count(*) FROM " + t.alerts() + clause, params.toArray());
        params.add(paging.size());
        params.add(paging.offset());
        List<Alert> items = db.list(select(t) + clause + " ORDER BY starts_at DESC, id DESC LIMIT ? OFFSET ?",
                rs -> read(rs, t), params.toArray());
        return paging.page(items, total);
    }

    public Optional<Alert> find(Db db, Tables t, long id, boolean forUpdate) {
        return db.one(select(t) + " WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), rs -> read(rs, t), id);
    }

    public List<Alert.Event> events(Db db, Tables t, long alertId) {
        return db.list("SELECT at, kind, actor, details::text FROM " + t.events() + " WHERE alert_id = ? ORDER BY at, id",
                rs -> {
                    try {
                        return new Alert.Event(Db.instant(rs, "at"), rs.getString(2), rs.getString(3), mapper.readTree(rs.getString(4)));
                    } catch (JsonProcessingException e) {
                        throw new SQLException("event details are not JSON", e);
                    }
                }, alertId);
    }

    public void acknowledge(Db tx, Tables t, long id, Alert.Acknowledgement ack) {
        tx.update("UPDATE " + t.alerts() + " SET ack_by = ?, ack_comment = ?, ack_at = ?, ack_silence_id = ?, ack_until = ?, updated_at = ? "
                + "WHERE id = ?", ack.by(), ack.comment(), ack.at(), ack.silenceId(), ack.until(), ack.at(), id);
    }

    /** How many occurrences are firing: the ones whose resolution may not have arrived. */
    public long countFiring(Db db, Tables t) {
        return db.count("SELECT count(*) FROM " + t.alerts() + " WHERE status = 'firing'");
    }

    /** The firing occurrences first filed before {@code filedBefore}, oldest first; not locked. */
    public List<Alert> firing(Db db, Tables t, Instant filedBefore) {
        return db.list(select(t) + " WHERE status = 'firing' AND created_at < ? ORDER BY id", rs -> read(rs, t), filedBefore);
    }

    /** Resolves a firing occurrence whose resolution no notification brought; false when it is not firing (any more). */
    public boolean resolveUnnotified(Db tx, Tables t, long id, Instant endsAt, Instant now) {
        return tx.update("UPDATE " + t.alerts() + " SET status = 'resolved', ends_at = ?, updated_at = ? WHERE id = ? AND status = 'firing'",
                endsAt, now, id) == 1;
    }

    private static String select(Tables t) {
        return "SELECT id, " + (t.platform() ? "tenant" : "NULL AS tenant") + ", fingerprint, alertname, status, severity, server, "
                + "labels::text, annotations::text, starts_at, ends_at, updated_at, ack_by, ack_comment, ack_at, ack_silence_id, ack_until FROM "
                + t.alerts();
    }

    private Alert read(ResultSet rs, Tables t) throws SQLException {
        Alert.Acknowledgement ack = rs.getString("ack_silence_id") == null ? null : new Alert.Acknowledgement(rs.getString("ack_by"),
                rs.getString("ack_comment"), Db.instant(rs, "ack_at"), rs.getString("ack_silence_id"), Db.instant(rs, "ack_until"));
        try {
            return new Alert(rs.getLong("id"), rs.getString("tenant"), rs.getString("fingerprint"), rs.getString("alertname"),
                    rs.getString("status"), rs.getString("severity"), rs.getString("server"),
                    mapper.readValue(rs.getString(8), STRING_MAP), mapper.readValue(rs.getString(9), STRING_MAP),
                    Db.instant(rs, "starts_at"), Db.instant(rs, "ends_at"), Db.instant(rs, "updated_at"), ack);
        } catch (JsonProcessingException e) {
            throw new SQLException("alert labels are not JSON", e);
        }
    }

    private Db.Json json(Object value) {
        try {
            return new Db.Json(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable", e);
        }
    }

    private static Object[] params(boolean platform, String tenant, Object... rest) {
        if (!platform) {
            return rest;
        }
        Object[] out = new Object[rest.length + 1];
        out[0] = tenant;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
