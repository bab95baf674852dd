package io.vigil.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class DatabaseOutageTest {

    @Test
    void aRefusedConnectionDeepInTheCauseChainIsAnOutage() {
        ConnectException refused = new ConnectException("Connection refused: localhost/127.0.0.1:5432");
        Throwable wrapped = new IllegalStateException("cannot list due pages", new CompletionException(refused));

        assertThat(DatabaseOutage.causeOf(wrapped)).containsSame(refused);
        assertThat(DatabaseOutage.describe(refused))
                .isEqualTo("database unavailable: Connection refused: localhost/127.0.0.1:5432");
    }

    @Test
    void aDroppedConnectionOrAnUnknownHostIsAnOutage() {
        assertThat(DatabaseOutage.causeOf(new HibernateException(ClosedConnectionException.INSTANCE))).isPresent();
        assertThat(DatabaseOutage.causeOf(new CompletionException(new UnknownHostException("vigil-db.internal"))))
                .isPresent();
        assertThat(DatabaseOutage.causeOf(new CompletionException(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")))).isPresent();
        assertThat(DatabaseOutage.causeOf(new NoStackTraceThrowable("Timeout"))).isEmpty();
    }

    @Test
    void aServerShuttingDownStartingOrDemotedIsAnOutage() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "53300", "25006", "08006"}) {
            PgException server = new PgException("terminating connection", "FATAL", state, null);
            assertThat(DatabaseOutage.causeOf(new CompletionException(server))).as(state).containsSame(server);
        }
        PSQLException jdbc = new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE);
        assertThat(DatabaseOutage.causeOf(jdbc)).containsSame(jdbc);
        assertThat(DatabaseOutage.describe(jdbc)).endsWith("(SQLSTATE 08006)");
    }

    @Test
    void aQueryErrorOrABugIsNotAnOutage() {
        assertThat(DatabaseOutage.causeOf(new PgException("duplicate key", "ERROR", "23505", null))).isEmpty();
        assertThat(DatabaseOutage.causeOf(new PSQLException("syntax error", PSQLState.SYNTAX_ERROR))).isEmpty();
        assertThat(DatabaseOutage.causeOf(new IllegalStateException("bug", new NullPointerException()))).isEmpty();
    }
}
