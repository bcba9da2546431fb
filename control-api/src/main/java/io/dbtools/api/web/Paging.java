package io.dbtools.api.web;

import io.javalin.http.Context;
import java.util.List;

/** {@code ?page=1&size=50}: 1-based pages, at most 500 items. */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 500;

    public static Paging of(Context ctx) {
        int page = Params.intParam(ctx, "page", 1);
        int size = Params.intParam(ctx, "size", 50);
        if (page < 1) {
            throw ApiError.badRequest("page", "page must be 1 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiError.badRequest("size", "size must be between 1 and " + MAX_SIZE);
        }
        return new Paging(page, size);
    }

    public int offset() {
        return (page - 1) * size;
    }

    /** A page of results with the total count, so clients can page without guessing. */
    public record Page<T>(List<T> items, long total, int page, int size) {}

    public <T> Page<T> page(List<T> items, long total) {
        return new Page<>(items, total, page, size);
    }
}
