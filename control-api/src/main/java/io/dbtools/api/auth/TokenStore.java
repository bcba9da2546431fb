package io.dbtools.api.auth;

import io.dbtools.api.db.Db;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API tokens in the system database. A token is 32 random bytes shown once; only its SHA-256 is
 * stored. A slow password hash (bcrypt) would protect low-entropy human passwords, but a 256-bit
 * random token cannot be guessed anyway, and an unsalted fast hash lets every request find its
 * token by an indexed lookup instead of trying each row.
 */
public final class TokenStore {

    public static final String PREFIX = "dbt_";

    /** A token as listed: never its value or hash. */
    public record TokenInfo(long id, String name, Role role, Long tenantId, String tenantSlug,
                            Instant createdAt, Instant lastUsedAt, Instant revokedAt) {}

    /** What creating a token returns: the value, this once. */
    public record Created(TokenInfo token, String value) {}

    private final Db system;
    private final Clock clock;
    private final SecureRandom random;

    public TokenStore(Db system, Clock clock, SecureRandom random) {
        this.system = system;
        this.clock = clock;
        this.random = random;
    }

    public Optional<Principal> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(token);
        Optional<Principal> p = system.one(
                "SELECT id, name, role, tenant_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
                rs -> new Principal(rs.getLong("id"), rs.getString("name"), Role.of(rs.getString("role")),
                        (Long) rs.getObject("tenant_id")), hash);
        // minute resolution is enough for "last used", and spares a row write on every request
        p.ifPresent(found -> system.update("UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                clock.instant(), found.tokenId(), clock.instant().minusSeconds(60)));
        return p;
    }

    public Created create(String name, Role role, Long tenantId) {
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        return new Created(insert(name, role, tenantId, value), value);
    }

    /** Stores a token chosen outside (DBTOOLS_ADMIN_TOKEN) unless it is already there. */
    public void ensure(String name, Role role, String value) {
        if (authenticate(value).isEmpty()) {
            insert(name, role, null, value);
        }
    }

    public boolean anySuperAdmin() {
        return system.count("SELECT count(*) FROM api_tokens WHERE role = 'super-admin' AND revoked_at IS NULL") > 0;
    }

    public List<TokenInfo> list(Long tenantId) {
        return system.list("SELECT t.id, t.name, t.role, t.tenant_id, n.slug, t.created_at, t.last_used_at, t.revoked_at "
                        + "FROM api_tokens t LEFT JOIN tenants n ON n.id = t.tenant_id "
                        + "WHERE (?::bigint IS NULL OR t.tenant_id = ?) ORDER BY t.id",
                TokenStore::read, tenantId, tenantId);
    }

    public Optional<TokenInfo> find(long id) {
        return system.one("SELECT t.id, t.name, t.role, t.tenant_id, n.slug, t.created_at, t.last_used_at, t.revoked_at "
                + "FROM api_tokens t LEFT JOIN tenants n ON n.id = t.tenant_id WHERE t.id = ?", TokenStore::read, id);
    }

    public void revoke(long id) {
        system.update("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", clock.instant(), id);
    }

    private TokenInfo insert(String name, Role role, Long tenantId, String value) {
        long id = system.one("INSERT INTO api_tokens (name, role, tenant_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), name, role.label(), tenantId, hash(value), clock.instant()).orElseThrow();
        return find(id).orElseThrow();
    }

    private byte[] randomBytes() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TokenInfo read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new TokenInfo(rs.getLong(1), rs.getString(2), Role.of(rs.getString(3)), (Long) rs.getObject(4), rs.getString(5),
                Db.instant(rs, "created_at"), Db.instant(rs, "last_used_at"), Db.instant(rs, "revoked_at"));
    }
}
