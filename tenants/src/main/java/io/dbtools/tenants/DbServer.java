package io.dbtools.tenants;

import java.net.URI;

/**
 * A PostgreSQL server the API administers: where it is and the administrative login that may
 * create databases and roles. Never printed with its password.
 *
 * @param params JDBC URL parameters kept for every database on this server (e.g. {@code sslmode=require}), may be empty
 */
public record DbServer(String host, int port, String adminUser, String adminPassword, String params) {

    public static final String MAINTENANCE_DATABASE = "postgres";

    /** Parses {@code jdbc:postgresql://host[:port][/database][?params]}; the database part is ignored. */
    public static DbServer parse(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("DBTOOLS_DB_URL must look like jdbc:postgresql://host:5432/postgres");
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DBTOOLS_DB_URL has no host");
        }
        return new DbServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password,
                uri.getRawQuery() == null ? "" : uri.getRawQuery());
    }

    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (params.isEmpty() ? "" : "?" + params);
    }

    @Override
    public String toString() {
        return "DbServer[" + host + ":" + port + ", user=" + adminUser + "]";
    }
}
