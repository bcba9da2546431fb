package io.dbtools.api.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.db.Db;
import io.dbtools.api.job.Schedule;
import io.dbtools.api.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Policies, their versions and deployments (tenant database). */
public final class PolicyRepository {

    private static final String SELECT = "SELECT p.id, p.name, p.type, p.current_version, v.description, v.spec::text, v.schedule::text, "
            + "p.created_at, p.updated_at FROM policies p JOIN policy_versions v ON v.policy_id = p.id AND v.version = p.current_version ";
    private static final String DEPLOYMENTS = "SELECT d.id, d.policy_id, p.name, d.group_id, coalesce(g.name, d.group_name), d.version, "
            + "d.deployed_at, d.deployed_by, d.undeployed_at, d.undeployed_by, (SELECT count(*) FROM jobs j WHERE j.deployment_id = d.id) "
            + "FROM policy_deployments d JOIN policies p ON p.id = d.policy_id LEFT JOIN server_groups g ON g.id = d.group_id ";

    private final ObjectMapper mapper;

    public PolicyRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public long insert(Db tx, String name, String type, Instant now) {
        return tx.one("INSERT INTO policies (name, type, current_version, created_at, updated_at) VALUES (?, ?, 0, ?, ?) RETURNING id",
                rs -> rs.getLong(1), name, type, now, now).orElseThrow();
    }

    /** Adds the next version and makes it current; returns its number. */
    public int addVersion(Db tx, long id, String name, String description, JsonNode spec, Schedule schedule, Instant now, String actor) {
        int version = tx.one("UPDATE policies SET current_version = current_version + 1, name = ?, updated_at = ? WHERE id = ? "
                + "RETURNING current_version", rs -> rs.getInt(1), name, now, id).orElseThrow();
        tx.update("INSERT INTO policy_versions (policy_id, version, description, spec, schedule, created_at, created_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", id, version, description, json(spec), json(mapper.valueToTree(schedule)), now, actor);
        return version;
    }

    public void softDelete(Db tx, long id, Instant now) {
        tx.update("UPDATE policies SET deleted_at = ?, updated_at = ? WHERE id = ?", now, now, id);
    }

    public Optional<Policy> find(Db db, long id) {
        return db.one(SELECT + "WHERE p.id = ? AND p.deleted_at IS NULL", this::read, id);
    }

    public Paging.Page<Policy> list(Db db, String type, Paging paging) {
        String where = "WHERE p.deleted_at IS NULL" + (type == null ? "" : " AND p.type = ?");
        Object[] filter = type == null ? new Object[0] : new Object[] {type};
        long total = db.count("SELECT count(*) FROM policies p " + where, filter);
        Object[] params = type == null ? new Object[] {paging.size(), paging.offset()} : new Object[] {type, paging.size(), paging.offset()};
        return paging.page(db.list(SELECT + where + " ORDER BY lower(p.name) LIMIT ? OFFSET ?", this::read, params), total);
    }

    public List<Policy.Version> versions(Db db, long id) {
        return db.list("SELECT policy_id, version, description, spec::text, schedule::text, created_at, created_by FROM policy_versions "
                + "WHERE policy_id = ? ORDER BY version DESC", rs -> new Policy.Version(rs.getLong(1), rs.getInt(2), rs.getString(3),
                tree(rs.getString(4)), schedule(rs.getString(5)), Db.instant(rs, "created_at"), rs.getString(7)), id);
    }

    // --- deployments

    public long deploy(Db tx, long policyId, long groupId, String groupName, int version, Instant now, String actor) {
        return tx.one("INSERT INTO policy_deployments (policy_id, group_id, group_name, version, deployed_at, deployed_by) "
                + "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1), policyId, groupId, groupName, version, now, actor).orElseThrow();
    }

    public void undeploy(Db tx, long deploymentId, Instant now, String actor) {
        tx.update("UPDATE policy_deployments SET undeployed_at = ?, undeployed_by = ? WHERE id = ?", now, actor, deploymentId);
    }

    public Optional<Policy.Deployment> active(Db db, long policyId, long groupId) {
        return db.one(DEPLOYMENTS + "WHERE d.policy_id = ? AND d.group_id = ? AND d.undeployed_at IS NULL", PolicyRepository::deployment,
                policyId, groupId);
    }

    public List<Policy.Deployment> deployments(Db db, long policyId) {
        return db.list(DEPLOYMENTS + "WHERE d.policy_id = ? ORDER BY d.deployed_at DESC, d.id DESC", PolicyRepository::deployment, policyId);
    }

    public List<Policy.Deployment> activeForPolicy(Db db, long policyId) {
        return db.list(DEPLOYMENTS + "WHERE d.policy_id = ? AND d.undeployed_at IS NULL ORDER BY d.id", PolicyRepository::deployment, policyId);
    }

    public List<Policy.Deployment> activeForGroup(Db db, long groupId) {
        return db.list(DEPLOYMENTS + "WHERE d.group_id = ? AND d.undeployed_at IS NULL AND p.deleted_at IS NULL ORDER BY lower(p.name)",
                PolicyRepository::deployment, groupId);
    }

    private static Policy.Deployment deployment(ResultSet rs) throws SQLException {
        return new Policy.Deployment(rs.getLong(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4), rs.getString(5), rs.getInt(6),
                Db.instant(rs, "deployed_at"), rs.getString(8), Db.instant(rs, "undeployed_at"), rs.getString(10), rs.getLong(11));
    }

    private Policy read(ResultSet rs) throws SQLException {
        return new Policy(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), tree(rs.getString(6)),
                schedule(rs.getString(7)), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }

    private Db.Json json(JsonNode node) {
        try {
            return new Db.Json(mapper.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode tree(String text) throws SQLException {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored policy JSON is unreadable", e);
        }
    }

    private Schedule schedule(String text) throws SQLException {
        try {
            return mapper.readValue(text, Schedule.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored schedule is unreadable", e);
        }
    }
}
