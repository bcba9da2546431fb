package io.dbtools.tenants;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway for the two kinds of database: {@code db/system} for dbtools_system, {@code db/tenant} for each tenant. */
public final class Migrations {

    private Migrations() {}

    public static MigrateResult system(DataSource dataSource) {
        return flyway(dataSource, "classpath:db/system").migrate();
    }

    public static MigrateResult tenant(DataSource dataSource) {
        return flyway(dataSource, "classpath:db/tenant").migrate();
    }

    /** Runs as the tenant's own role, so every table it creates belongs to that role. */
    public static MigrateResult tenant(String url, String user, String password) {
        return Flyway.configure().dataSource(url, user, password).locations("classpath:db/tenant")
                .loggers("slf4j").load().migrate();
    }

    private static Flyway flyway(DataSource dataSource, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .loggers("slf4j")
                .load();
    }
}
