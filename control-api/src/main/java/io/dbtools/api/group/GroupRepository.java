package io.dbtools.api.group;

import io.dbtools.api.db.Db;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Server groups of one tenant: unique names, many-to-many with servers. */
public final class GroupRepository {

    public record Group(long id, String name, String description, long memberCount, Instant createdAt) {}

    public record Member(long id, String name, String engine, String host) {}

    private static final String SELECT = "SELECT g.id, g.name, g.description, count(m.server_id), g.created_at FROM server_groups g "
            + "LEFT JOIN server_group_members m ON m.group_id = g.id ";

    private final Clock clock;

    public GroupRepository(Clock clock) {
        this.clock = clock;
    }

    public List<Group> list(Db db) {
        return db.list(SELECT + "GROUP BY g.id ORDER BY g.name", GroupRepository::read);
    }

    public Optional<Group> find(Db db, long id) {
        return db.one(SELECT + "WHERE g.id = ? GROUP BY g.id", GroupRepository::read, id);
    }

    public List<Member> members(Db db, long id) {
        return db.list("SELECT s.id, s.name, s.engine, s.host FROM server_group_members m JOIN servers s ON s.id = m.server_id "
                + "WHERE m.group_id = ? ORDER BY s.name", rs -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), id);
    }

    public long create(Db db, String name, String description) {
        return db.one("INSERT INTO server_groups (name, description, created_at) VALUES (?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), name, description, clock.instant()).orElseThrow();
    }

    public int update(Db db, long id, String name, String description) {
        return db.update("UPDATE server_groups SET name = ?, description = ? WHERE id = ?", name, description, id);
    }

    public int delete(Db db, long id) {
        return db.update("DELETE FROM server_groups WHERE id = ?", id);
    }

    /** The ids among {@code serverIds} that are not servers of this tenant. */
    public List<Long> unknownServers(Db db, List<Long> serverIds) {
        return db.list("SELECT x FROM unnest(?::bigint[]) x WHERE NOT EXISTS (SELECT 1 FROM servers s WHERE s.id = x)",
                rs -> rs.getLong(1), (Object) serverIds.toArray(Long[]::new));
    }

    public int add(Db db, long groupId, List<Long> serverIds) {
        return db.update("INSERT INTO server_group_members (group_id, server_id) SELECT ?, x FROM unnest(?::bigint[]) x "
                + "ON CONFLICT DO NOTHING", groupId, serverIds.toArray(Long[]::new));
    }

    public int remove(Db db, long groupId, List<Long> serverIds) {
        return db.update("DELETE FROM server_group_members WHERE group_id = ? AND server_id = ANY(?::bigint[])",
                groupId, serverIds.toArray(Long[]::new));
    }

    private static Group read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Group(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), Db.instant(rs, "created_at"));
    }
}
