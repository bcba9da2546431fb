package io.dbtools.api.label;

import io.dbtools.api.db.Db;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Labels of one tenant: unique names with a display color, attached to servers many-to-many. */
public final class LabelRepository {

    /** Colors given to labels created implicitly, picked by name so a label keeps its color everywhere. */
    static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf");

    public record Label(long id, String name, String color, long serverCount) {}

    private final Clock clock;

    public LabelRepository(Clock clock) {
        this.clock = clock;
    }

    public static String defaultColor(String name) {
        return PALETTE.get(Math.floorMod(name.hashCode(), PALETTE.size()));
    }

    public List<Label> list(Db db) {
        return db.list("SELECT l.id, l.name, l.color, count(sl.server_id) FROM labels l "
                + "LEFT JOIN server_labels sl ON sl.label_id = l.id GROUP BY l.id ORDER BY l.name", LabelRepository::read);
    }

    public Optional<Label> find(Db db, long id) {
        return db.one("SELECT l.id, l.name, l.color, count(sl.server_id) FROM labels l "
                + "LEFT JOIN server_labels sl ON sl.label_id = l.id WHERE l.id = ? GROUP BY l.id", LabelRepository::read, id);
    }

    public long create(Db db, String name, String color) {
        return db.one("INSERT INTO labels (name, color, created_at) VALUES (?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), name, color, clock.instant()).orElseThrow();
    }

    public int update(Db db, long id, String name, String color) {
        return db.update("UPDATE labels SET name = ?, color = ? WHERE id = ?", name, color, id);
    }

    public int delete(Db db, long id) {
        return db.update("DELETE FROM labels WHERE id = ?", id);
    }

    /** Replaces a server's labels, creating any label that does not exist yet. */
    public void setForServer(Db tx, long serverId, List<String> names) {
        tx.update("DELETE FROM server_labels WHERE server_id = ?", serverId);
        for (String name : names) {
            tx.update("INSERT INTO labels (name, color, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                    name, defaultColor(name), clock.instant());
            tx.update("INSERT INTO server_labels (label_id, server_id) SELECT id, ? FROM labels WHERE name = ?", serverId, name);
        }
    }

    private static Label read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Label(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }
}
