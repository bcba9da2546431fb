package io.dbtools.tenants;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code tenants} table of the system database. */
public final class TenantRegistry {

    /** The slug is taken (by a live, suspended or soft-deleted tenant: slugs are never reused). */
    public static final class DuplicateSlugException extends RuntimeException {
        public DuplicateSlugException(String slug) {
            super("a tenant with slug '" + slug + "' already exists");
        }
    }

    private static final String COLUMNS =
            "id, slug, name, status, db_url, db_user, db_password_enc, created_at, updated_at";

    private final DataSource system;
    private final Clock clock;

    public TenantRegistry(DataSource system, Clock clock) {
        this.system = system;
        this.clock = clock;
    }

    /** Reserves the slug with a {@code provisioning} row; the unique index makes concurrent creates safe. */
    public Tenant reserve(Slug slug, String name) {
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = system.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO tenants (slug, name, status, created_at, updated_at) VALUES (?, ?, 'provisioning', ?, ?) "
                        + "ON CONFLICT (slug) DO NOTHING RETURNING " + COLUMNS)) {
            st.setString(1, slug.value());
            st.setString(2, name);
            st.setTimestamp(3, now);
            st.setTimestamp(4, now);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new DuplicateSlugException(slug.value());
                }
                return read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reserve tenant " + slug + ": " + e.getMessage(), e);
        }
    }

    public void activate(long id, String dbUrl, String dbUser, byte[] passwordEnc) {
        update("UPDATE tenants SET status = 'active', db_url = ?, db_user = ?, db_password_enc = ?, updated_at = ? WHERE id = ?",
                st -> {
                    st.setString(1, dbUrl);
                    st.setString(2, dbUser);
                    st.setBytes(3, passwordEnc);
                    st.setTimestamp(4, Timestamp.from(clock.instant()));
                    st.setLong(5, id);
                });
    }

    public void setStatus(long id, Tenant.Status status) {
        update("UPDATE tenants SET status = ?, updated_at = ? WHERE id = ?", st -> {
            st.setString(1, status.label());
            st.setTimestamp(2, Timestamp.from(clock.instant()));
            st.setLong(3, id);
        });
    }

    /** Points the tenant at its database's new home (after a move). */
    public void setDbUrl(long id, String dbUrl) {
        update("UPDATE tenants SET db_url = ?, updated_at = ? WHERE id = ?", st -> {
            st.setString(1, dbUrl);
            st.setTimestamp(2, Timestamp.from(clock.instant()));
            st.setLong(3, id);
        });
    }

    /** Removes the row of a tenant whose provisioning failed (nothing else refers to it yet). */
    public void forget(long id) {
        update("DELETE FROM tenants WHERE id = ?", st -> st.setLong(1, id));
    }

    public Optional<Tenant> bySlug(String slug) {
        List<Tenant> found = query("SELECT " + COLUMNS + " FROM tenants WHERE slug = ?", st -> st.setString(1, slug));
        return found.stream().findFirst();
    }

    public Optional<Tenant> byId(long id) {
        return query("SELECT " + COLUMNS + " FROM tenants WHERE id = ?", st -> st.setLong(1, id)).stream().findFirst();
    }

    /** Every tenant that is not being provisioned, ordered by slug; soft-deleted ones only when asked. */
    public List<Tenant> list(boolean includeDeleted) {
        return query("SELECT " + COLUMNS + " FROM tenants WHERE status <> 'provisioning'"
                + (includeDeleted ? "" : " AND status <> 'deleted'") + " ORDER BY slug", st -> {});
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection c = system.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("tenant registry update failed: " + e.getMessage(), e);
        }
    }

    private List<Tenant> query(String sql, Binder binder) {
        try (Connection c = system.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            try (ResultSet rs = st.executeQuery()) {
                List<Tenant> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("tenant registry query failed: " + e.getMessage(), e);
        }
    }

    private static Tenant read(ResultSet rs) throws SQLException {
        return new Tenant(rs.getLong("id"), rs.getString("slug"), rs.getString("name"),
                Tenant.Status.of(rs.getString("status")), rs.getString("db_url"), rs.getString("db_user"),
                rs.getBytes("db_password_enc"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
