package io.vigil.common.paging;

import java.util.List;
import java.util.function.Function;

/** The list envelope of the REST contract: {@code {"items": [...], "nextCursor": "..." | null}}. */
public record PageView<T>(List<T> items, String nextCursor) {

    public <R> PageView<R> map(Function<? super T, ? extends R> mapper) {
        return new PageView<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
