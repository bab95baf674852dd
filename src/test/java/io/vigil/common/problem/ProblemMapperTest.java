package io.vigil.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Failures no caller caused: a database outage answers 503 and invites a retry; anything else a bare 500. */
class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void anUnreachableDatabaseAnswers503WithRetryAfter() {
        Response response = mapper.unexpected(new CompletionException(new ConnectException("Connection refused")),
                uri("/api/v1/incidents"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo("/problems/database-unavailable");
        assertThat(problem.instance()).isEqualTo("/api/v1/incidents");
        assertThat(problem.detail()).contains("try again").doesNotContain("Connection refused");
    }

    @Test
    void aServerInRecoveryAnswers503() {
        PgException starting = new PgException("the database system is starting up", "FATAL", "57P03", null);

        assertThat(mapper.unexpected(new RuntimeException(starting), uri("/api/v1/pages")).getStatus()).isEqualTo(503);
    }

    @Test
    void anythingElseUnexpectedIsABare500() {
        Response response = mapper.unexpected(new IllegalStateException("a bug"), uri("/api/v1/pages"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((Problem) response.getEntity()).type()).isEqualTo("/problems/internal");
        assertThat(((Problem) response.getEntity()).detail()).doesNotContain("a bug");
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }

    private static UriInfo uri(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getPath") && (args == null || args.length == 0)) {
                        return path;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
