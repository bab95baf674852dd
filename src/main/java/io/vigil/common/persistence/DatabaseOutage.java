package io.vigil.common.persistence;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Recognises a failure that means "PostgreSQL cannot be reached or cannot take work right now": a
 * refused or dropped connection, an unknown host while DNS moves to a new primary, a server shutting
 * down, starting up or in recovery, out of connections, or a demoted primary that is read-only. This
 * is what a database failover looks like from Vigil; it is transient, not a bug, so requests answer
 * 503 with {@code Retry-After} and background loops log one line instead of a stack trace every second.
 * See runbooks/database-failover.md.
 */
public final class DatabaseOutage {

    /**
     * SQLSTATEs of an unavailable server: class 08 (connection exception) is matched by prefix;
     * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, in
     * recovery), 53300 too_many_connections, 25006 read_only_sql_transaction (a primary demoted to
     * a standby, still behind the old address).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "25006");

    private DatabaseOutage() {
    }

    /** The failure in {@code e}'s cause chain that shows the database unavailable, if there is one. */
    public static Optional<Throwable> causeOf(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof SocketException
                    || cause instanceof UnknownHostException || cause instanceof ClosedChannelException
                    || cause instanceof ClosedConnectionException || cause instanceof SQLTransientConnectionException
                    || unavailableState(sqlState(cause)) || closedConnection(cause)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    /** One line naming the cause, e.g. {@code database unavailable: Connection refused: localhost/127.0.0.1:5432}. */
    public static String describe(Throwable cause) {
        String state = sqlState(cause);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "database unavailable: " + message + (state == null ? "" : " (SQLSTATE " + state + ")");
    }

    /**
     * Logs a failed piece of background or request work: during a database outage one WARN line
     * ({@code "<message> — database unavailable: …"}), otherwise at {@code level} with the stack trace.
     */
    public static void log(Logger log, Logger.Level level, Throwable e, String format, Object... params) {
        Optional<Throwable> outage = causeOf(e);
        if (outage.isPresent()) {
            log.warnf("%s — %s", String.format(format, params), describe(outage.get()));
        } else {
            log.logf(level, e, format, params);
        }
    }

    /**
     * Vert.x fails work on a connection that died under it with a bare {@code NoStackTraceThrowable}
     * whose message is the only clue.
     */
    private static boolean closedConnection(Throwable e) {
        return e.getClass().getName().equals("io.vertx.core.impl.NoStackTraceThrowable") && e.getMessage() != null
                && e.getMessage().startsWith("Connection is not active now");
    }

    private static String sqlState(Throwable e) {
        if (e instanceof DatabaseException d) {
            return d.getSqlState();
        }
        if (e instanceof SQLException s) {
            return s.getSQLState();
        }
        return null;
    }

    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
    }
}
