package io.dbtools.api;

/**
 * {@code ./dbtools api}: starts the control API on DBTOOLS_API_PORT (8420). See docs/api.md for
 * every environment variable.
 */
public final class ApiMain {

    private ApiMain() {}

    public static void main(String[] args) throws Exception {
        ControlApi api = ControlApi.start(System.getenv(), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(api::close));
    }
}
