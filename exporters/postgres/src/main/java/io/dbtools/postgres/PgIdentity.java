package io.dbtools.postgres;

import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** Reads what a server is from {@code version()}; CockroachDB answers the same query with its own banner. */
final class PgIdentity {

    private PgIdentity() {}

    static ServerInfo read(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version(), current_setting('server_version')")) {
            rs.next();
            return fromBanner(rs.getString(1), rs.getString(2));
        }
    }

    /** Pure, so the CockroachDB path is testable from recorded banners. */
    static ServerInfo fromBanner(String banner, String serverVersion) {
        if (banner.startsWith("CockroachDB")) {
            // e.g. "CockroachDB CCL v23.1.11 (x86_64-pc-linux-gnu, built 2023/09/27 ...)"
            String[] words = banner.split(" ");
            String edition = words.length > 1 ? words[1] : "";
            String version = words.length > 2 ? words[2].replaceFirst("^v", "") : serverVersion;
            return new ServerInfo("cockroachdb", Version.parse(version), version, edition, Map.of());
        }
        // e.g. "16.4 (Debian 16.4-1.pgdg120+1)" → 16.4; "PostgreSQL 14.10 on x86_64..." for the banner
        Version v = Version.parse(serverVersion);
        return new ServerInfo("postgres", v, serverVersion.split(" ")[0], "community", Map.of());
    }
}
