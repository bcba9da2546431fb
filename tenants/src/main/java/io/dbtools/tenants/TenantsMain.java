package io.dbtools.tenants;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * {@code ./dbtools tenants migrate|list|create|backup|restore|move}: tenant maintenance without the API.
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
                case "backup", "restore" -> {
                    if (args.length != 3) {
                        usage();
                        status = 2;
                    } else {
                        Tenant t = platform.registry().bySlug(args[1]).orElseThrow(() -> new IllegalArgumentException("no tenant " + args[1]));
                        TenantTransfer transfer = transfer(platform);
                        if (args[0].equals("backup")) {
                            transfer.backup(t, java.nio.file.Path.of(args[2]));
                        } else {
                            transfer.restore(t, java.nio.file.Path.of(args[2]), transfer.serverOf(t));
                        }
                        System.out.println(args[0] + " of tenant " + t.slug() + " done: " + args[2]);
                    }
                }
                case "move" -> {
                    if (args.length != 3) {
                        usage();
                        status = 2;
                    } else {
                        Tenant t = platform.registry().bySlug(args[1]).orElseThrow(() -> new IllegalArgumentException("no tenant " + args[1]));
                        var env = System.getenv();
                        DbServer target = DbServer.parse(args[2], env.getOrDefault("DBTOOLS_MOVE_DB_USER", "postgres"),
                                env.get("DBTOOLS_MOVE_DB_PASSWORD"));
                        Tenant moved = transfer(platform).move(t, target);
                        System.out.println("tenant " + moved.slug() + " now at " + moved.dbUrl()
                                + "; the old database is kept, drop it once the move is verified");
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

    private static TenantTransfer transfer(Platform platform) {
        String bin = System.getenv("DBTOOLS_PG_BIN");
        return new TenantTransfer(platform.server(), platform.registry(), platform.secrets(), bin == null ? null : java.nio.file.Path.of(bin));
    }

    private static void usage() {
        System.err.println("""
                usage: dbtools tenants migrate | list | create <slug> <name>
                                       | backup <slug> <file> | restore <slug> <file>
                                       | move <slug> <jdbc:postgresql://host:port/postgres>   (DBTOOLS_MOVE_DB_USER/_PASSWORD)""");
    }
}
