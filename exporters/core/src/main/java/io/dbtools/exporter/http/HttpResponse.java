package io.dbtools.exporter.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: always a complete body, sent with its Content-Length. */
public record HttpResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse of(int status, String contentType, byte[] body) {
        return new HttpResponse(status, contentType, Map.of(), body);
    }

    public static HttpResponse text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse withHeader(String name, String value) {
        var all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new HttpResponse(status, contentType, all, body);
    }
}
