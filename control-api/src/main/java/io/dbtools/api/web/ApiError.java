package io.dbtools.api.web;

/**
 * Every expected failure of a request: its HTTP status, the field at fault (JSON path, query
 * parameter or header; null when no single field is) and a message safe to show — never a secret.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String field;

    public ApiError(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static ApiError badRequest(String field, String message) {
        return new ApiError(400, field, message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, null, message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, null, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, null, message);
    }

    public static ApiError conflict(String field, String message) {
        return new ApiError(409, field, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
