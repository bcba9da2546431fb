package io.dbtools.api.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The one way this package talks to Alertmanager's v2 API: the configured address and timeout, and
 * one wording for "could not reach it" that never carries credentials. {@link Silences} turns that
 * into a 502 for the caller of the API; {@link ActiveAlerts} into "change nothing this round".
 */
final class AlertmanagerHttp {

    /** Alertmanager did not answer at all; the message names where it was looked for, shortened, without secrets. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    private final AlertingConfig config;

    AlertmanagerHttp(AlertingConfig config) {
        this.config = config;
    }

    boolean configured() {
        return config.alertmanager() != null;
    }

    String where() {
        return "Alertmanager at " + AlertingConfig.display(config.alertmanager());
    }

    /** A request to {@code path} with the configured timeout, for the caller to give a method and headers. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(config.alertmanager() + path)).timeout(config.timeout());
    }

    HttpResponse<String> send(HttpRequest request) throws Unreachable {
        try {
            return config.http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
    }

    private Unreachable unreachable(Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new Unreachable(where() + " is unreachable: " + shorten(why));
    }

    static String shorten(String s) {
        String one = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
