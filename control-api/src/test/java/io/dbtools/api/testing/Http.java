package io.dbtools.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A small HTTP client for the tests; it remembers every response body so secret checks can scan them all. */
public final class Http {

    public record Response(int status, String body, String contentType) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        /** The field named by an error response. */
        public String errorField() {
            return json().path("error").path("field").asText(null);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());

    private final String base;
    private final HttpClient client = HttpClient.newHttpClient();

    Http(String base) {
        this.base = base;
    }

    public Response get(String path, String token, String tenant) {
        return send("GET", path, token, tenant, (byte[]) null);
    }

    public Response post(String path, String token, String tenant, String body) {
        return send("POST", path, token, tenant, body);
    }

    public Response put(String path, String token, String tenant, String body) {
        return send("PUT", path, token, tenant, body);
    }

    public Response delete(String path, String token, String tenant) {
        return send("DELETE", path, token, tenant, (byte[]) null);
    }

    public Response send(String method, String path, String token, String tenant, String body) {
        return send(method, path, token, tenant, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Response send(String method, String path, String token, String tenant, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            b.header("X-Tenant-Slug", tenant);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            SEEN.add(r.body());
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
