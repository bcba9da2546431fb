package io.dbtools.tenants;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * {@code ./dbtools tenants migrate|list|create <slug> <name>}: tenant maintenance without the API.
 * Exit code 1 when any tenant failed to migrate.
 */
public final class TenantsMain {

    private TenantsMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        int status = 0;
        try (Platform platform = Platform.fromEnvironment(System.getenv(), Clock.systemUTC())) {
            switch (args[0]) {
                case "migrate" -> {
                    List<TenantMigrator.Outcome> outcomes = new TenantMigrator(platform.registry(), platform.secrets()).migrateAll();
                    for (var o : outcomes) {
                        System.out.println(o.ok()
                                ? String.format("%-30s ok      %d applied, version %s", o.slug(), o.applied(), o.version())
                                : String.format("%-30s FAILED  %s", o.slug(), o.error()));
                        if (!o.ok()) {
                            status = 1;
                        }
                    }
                    System.out.println(outcomes.size() + " tenant(s), " + outcomes.stream().filter(o -> !o.ok()).count() + " failed");
                }
                case "list" -> platform.registry().list(true).forEach(t ->
                        System.out.printf("%-30s %-10s %s%n", t.slug(), t.status().label(), t.name()));
                case "create" -> {
                    if (args.length != 3) {
                        usage();
                        status = 2;
                    } else {
                        Tenant t = new TenantProvisioner(platform.server(), platform.registry(), platform.secrets(), new SecureRandom())
                                .create(new Slug(args[1]), args[2]);
                        System.out.println("created tenant " + t.slug() + " (database " + new Slug(t.slug()).databaseName() + ")");
                    }
                }
                default -> {
                    usage();
                    status = 2;
                }
            }
        }
        System.exit(status);
    }

    private static void usage() {
        System.err.println("usage: dbtools tenants migrate | list | create <slug> <name>");
    }
}
