package io.dbtools.api.alertrule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.db.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The tenant's alert_rules table. */
public final class AlertRuleRepository {

    private static final String COLUMNS = "id, name, metric, operator, threshold, for_duration, severity, enabled, matchers::text, created_at, updated_at";
    private static final TypeReference<List<AlertRule.Matcher>> MATCHERS = new TypeReference<>() {};

    private final ObjectMapper mapper;

    public AlertRuleRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<AlertRule> all(Db db) {
        return db.list("SELECT " + COLUMNS + " FROM alert_rules ORDER BY id", this::read);
    }

    public Optional<AlertRule> find(Db db, long id) {
        return db.one("SELECT " + COLUMNS + " FROM alert_rules WHERE id = ?", this::read, id);
    }

    public long insert(Db tx, AlertRule r, Instant now) {
        return tx.one("INSERT INTO alert_rules (name, metric, operator, threshold, for_duration, severity, enabled, matchers, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1),
                r.name(), r.metric(), r.operator(), r.threshold(), r.forDuration(), r.severity(), r.enabled(), matchers(r), now, now)
                .orElseThrow();
    }

    public int update(Db tx, long id, AlertRule r, Instant now) {
        return tx.update("UPDATE alert_rules SET name = ?, metric = ?, operator = ?, threshold = ?, for_duration = ?, severity = ?, "
                        + "enabled = ?, matchers = ?, updated_at = ? WHERE id = ?",
                r.name(), r.metric(), r.operator(), r.threshold(), r.forDuration(), r.severity(), r.enabled(), matchers(r), now, id);
    }

    public int delete(Db tx, long id) {
        return tx.update("DELETE FROM alert_rules WHERE id = ?", id);
    }

    private Db.Json matchers(AlertRule r) {
        try {
            return new Db.Json(mapper.writeValueAsString(r.matchers()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private AlertRule read(ResultSet rs) throws SQLException {
        try {
            return new AlertRule(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getString(6),
                    rs.getString(7), rs.getBoolean(8), mapper.readValue(rs.getString(9), MATCHERS), Db.instant(rs, "created_at"),
                    Db.instant(rs, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new SQLException("alert rule matchers are not JSON", e);
        }
    }
}
