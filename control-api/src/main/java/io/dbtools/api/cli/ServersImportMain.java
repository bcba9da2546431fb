package io.dbtools.api.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./dbtools servers import FILE}: onboard many servers through the control API. Exit 1 when any row failed. */
@Command(name = "servers import", mixinStandardHelpOptions = true,
        description = "Onboards the servers listed in a YAML or CSV file through the control API, with a per-row result.")
public final class ServersImportMain implements Callable<Integer> {

    @Parameters(index = "0", description = "servers file: .yml/.yaml (list, or tenant spec with servers:) or .csv")
    Path file;

    @Option(names = "--api", description = "control API base URL (default: ${DEFAULT-VALUE})",
            defaultValue = "${env:DBTOOLS_API_URL:-http://localhost:8420}")
    String api;

    @Option(names = "--token", description = "API token (default: $DBTOOLS_API_TOKEN)", defaultValue = "${env:DBTOOLS_API_TOKEN}")
    String token;

    @Option(names = "--tenant", description = "tenant slug, needed with a super-admin token")
    String tenant;

    @Option(names = "--validate", description = "test each connection through the engine plugin; save only those that connect")
    boolean validate;

    @Option(names = "--parallel", description = "rows in flight at once (default: ${DEFAULT-VALUE})", defaultValue = "4")
    int parallel;

    @Override
    public Integer call() throws Exception {
        if (token == null || token.isBlank()) {
            System.err.println("an API token is needed: --token or DBTOOLS_API_TOKEN");
            return 2;
        }
        List<ImportFile.Row> rows = ImportFile.read(file);
        List<ServersImport.Result> results = new ServersImport(api, token, tenant)
                .run(rows, validate, parallel, System.err, System.console() != null);
        results.forEach(r -> System.out.println(r.describe()));
        long failed = results.stream().filter(r -> !r.ok()).count();
        System.out.println(results.size() + " row(s): " + (results.size() - failed) + " created, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServersImportMain()).execute(args));
    }
}
