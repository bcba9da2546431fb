package io.dbtools.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses: {@code {"error": {"status", "field", "message"}}}.
 * Unexpected exceptions are logged with their stack and answered with a bare 500 — never the
 * exception text, which might hold SQL or a value from the request.
 */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    public static void register(Javalin app) {
        app.exception(ApiError.class, (e, ctx) -> write(ctx, e.status(), e.field(), e.getMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) -> {
            ApiError mapped = fromJson(e);
            write(ctx, mapped.status(), mapped.field(), mapped.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(),
                e.getStatus() == 413 ? "body" : null, e.getStatus() == 413 ? "request body is larger than the limit" : e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.matchedPath(), e);
            write(ctx, 500, null, "internal error");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                write(ctx, 404, null, "no route " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> write(ctx, 405, null, "method not allowed"));
    }

    /** Names the field in JSON-path style ({@code tls.mode}, {@code serverIds[2]}) wherever Jackson knows it. */
    static ApiError fromJson(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return ApiError.badRequest(path(u), "unknown field '" + u.getPropertyName() + "'");
        }
        if (e instanceof InvalidFormatException f) {
            return ApiError.badRequest(path(f), "expected " + typeName(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return ApiError.badRequest(path(m), "expected " + typeName(m.getTargetType()));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String cause = m.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : "invalid value";
            return ApiError.badRequest(path(m), cause);
        }
        if (e instanceof MismatchedInputException m) {
            return ApiError.badRequest("body", "expected a JSON " + typeName(m.getTargetType()));
        }
        return ApiError.badRequest("body", "malformed JSON: " + e.getOriginalMessage());
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a different type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "an object";
    }

    public static void write(Context ctx, int status, String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("field", field);
        error.put("message", message);
        ctx.status(status).json(Map.of("error", error));
    }
}
