package io.vigil.common.paging;

import io.vigil.common.problem.ValidationException;
import java.util.List;
import java.util.function.Function;

/**
 * A validated {@code ?cursor=&limit=} pair. Queries fetch {@code limit + 1} rows: the extra row
 * only tells whether there is a next page, and the cursor is built from the last row returned.
 */
public record PageRequest(Cursor cursor, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String cursor, String limit) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ValidationException.of("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ValidationException.of("limit", "must be from 1 to " + MAX_LIMIT);
            }
        }
        return new PageRequest(cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor), size);
    }

    /** Rows to ask the database for. */
    public int fetchSize() {
        return limit + 1;
    }

    /** Cuts the over-fetched rows to a page and derives the next cursor from its last item. */
    public <T> PageView<T> page(List<T> rows, Function<T, Cursor> cursorOf) {
        if (rows.size() <= limit) {
            return new PageView<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new PageView<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)).encode());
    }
}
