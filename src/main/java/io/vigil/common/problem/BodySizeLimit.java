package io.vigil.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refuses request bodies over 1 MiB with a 413 problem document before anything reads them.
 * Bodies that announce their length are caught here; chunked bodies without a length are cut
 * off by Quarkus' own limit ({@code quarkus.http.limits.max-body-size}, set to the same size).
 */
@ApplicationScoped
public class BodySizeLimit {

    public static final long MAX_BYTES = 1024 * 1024;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLarge(length)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body(ctx.normalizedPath()));
                return;
            }
            ctx.next();
        });
    }

    private static boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String body(String path) {
        try {
            return json.writeValueAsString(new Problem("/problems/payload-too-large", "Content Too Large", 413,
                    "request body is larger than the 1 MiB limit", path, null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
