package io.dbtools.api.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.auth.Principal;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who changed what: one table per tenant database for tenant actions, one in the system database
 * for tenant lifecycle and tokens. Details never hold a secret — callers pass only names and ids.
 */
public final class ActivityLog {

    public record Entry(long id, Instant at, String actor, String action, String entityType, String entityId,
                        String entityName, JsonNode details) {}

    /** Every filter is optional; {@code text} searches the entity name, actor and details. */
    public record Filter(String action, String entityType, String entityId, Instant from, Instant to, String text) {}

    private final Clock clock;
    private final ObjectMapper mapper;

    public ActivityLog(Clock clock, ObjectMapper mapper) {
        this.clock = clock;
        this.mapper = mapper;
    }

    public void record(Db db, Principal actor, String action, String entityType, Object entityId, String entityName,
                       Map<String, ?> details) {
        String json;
        try {
            json = mapper.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("activity details are not serialisable", e);
        }
        db.update("INSERT INTO activity (at, actor, action, entity_type, entity_id, entity_name, details) VALUES (?, ?, ?, ?, ?, ?, ?)",
                clock.instant(), actor.actor(), action, entityType, entityId == null ? null : entityId.toString(), entityName,
                new Db.Json(json));
    }

    public Paging.Page<Entry> search(Db db, Filter f, Paging paging) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        long total = db.count("SELECT count(*) FROM activity" + where, params.toArray());
        params.add(paging.size());
        params.add(paging.offset());
        List<Entry> items = db.list("SELECT id, at, actor, action, entity_type, entity_id, entity_name, details::text FROM activity"
                + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", this::read, params.toArray());
        return paging.page(items, total);
    }

    /** Deletes entries older than the retention; returns how many went. */
    public int purge(Db db, int retentionDays) {
        return db.update("DELETE FROM activity WHERE at < ?", clock.instant().minus(java.time.Duration.ofDays(retentionDays)));
    }

    private static String where(Filter f, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (f.action() != null) {
            conditions.add("action = ?");
            params.add(f.action());
        }
        if (f.entityType() != null) {
            conditions.add("entity_type = ?");
            params.add(f.entityType());
        }
        if (f.entityId() != null) {
            conditions.add("entity_id = ?");
            params.add(f.entityId());
        }
        if (f.from() != null) {
            conditions.add("at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            conditions.add("at < ?");
            params.add(f.to());
        }
        if (f.text() != null) {
            conditions.add("(entity_name ILIKE ? OR actor ILIKE ? OR details::text ILIKE ?)");
            String like = "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private Entry read(ResultSet rs) throws SQLException {
        JsonNode details;
        try {
            details = mapper.readTree(rs.getString(8));
        } catch (JsonProcessingException e) {
            throw new SQLException("activity details are not JSON", e);
        }
        return new Entry(rs.getLong(1), Db.instant(rs, "at"), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), details);
    }
}
