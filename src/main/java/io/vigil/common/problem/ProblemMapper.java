package io.vigil.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vigil.common.persistence.DatabaseOutage;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The single place where failures become HTTP answers. Every answer is {@code application/problem+json};
 * user-caused failures get a 4xx and a message that names the field; anything unexpected is logged with
 * its stack trace and answered with a bare 500 that reveals nothing.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        int status = statusOf(e);
        Response.ResponseBuilder response = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("/problems/" + slugOf(e, status), titleOf(status), status, e.getMessage(),
                        uri.getPath(), e instanceof ValidationException v ? v.errors() : null,
                        e.extensions().isEmpty() ? null : e.extensions()));
        if (e instanceof AuthenticationRequiredException) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vigil\"");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return domain(new ValidationException(errors), uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return domain(ValidationException.of(pathOf(e), "unknown field; allowed fields are "
                + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))), uri);
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e, UriInfo uri) {
        Class<?> target = e.getTargetType();
        String message = target != null && target.isEnum()
                ? "must be one of " + Arrays.stream(target.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "))
                : "is not a valid " + simpleTypeName(target);
        return domain(ValidationException.of(pathOf(e), message), uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownField(u, uri);
        }
        if (e instanceof InvalidFormatException i) {
            return invalidValue(i, uri);
        }
        String field = pathOf(e);
        return domain(ValidationException.of(field.isEmpty() ? "body" : field,
                "expected " + simpleTypeName(e.getTargetType())), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof MismatchedInputException m) {
            return mismatchedInput(m, uri);
        }
        String field = e instanceof JsonMappingException m ? pathOf(m) : "";
        return domain(ValidationException.of(field.isEmpty() ? "body" : field, "is not valid JSON: "
                + e.getOriginalMessage()), uri);
    }

    /** Two writers raced on the same row (optimistic lock): the loser should re-read and retry. */
    @ServerExceptionMapper
    public Response staleState(StaleStateException e, UriInfo uri) {
        return domain(new ConflictException("the resource was changed concurrently; read it again and retry"), uri);
    }

    /** A unique constraint lost a race that the service's own check could not see yet. */
    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        return domain(new ConflictException("the request conflicts with existing data"
                + (e.getConstraintName() != null ? " (" + e.getConstraintName() + ")" : "")), uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        // RESTEasy Reactive wraps unreadable JSON bodies in a plain 400; name the body instead.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return malformedJson(json, uri);
            }
        }
        String detail = switch (status) {
            case 404 -> "no resource at " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            case 406 -> "cannot produce the requested media type; ask for application/json";
            case 415 -> "unsupported media type; send application/json";
            case 413 -> "request body is larger than the 1 MiB limit";
            default -> e.getMessage();
        };
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("/problems/" + slugOfStatus(status), titleOf(status), status, detail, uri.getPath(),
                        null, null));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase(HttpHeaders.ALLOW)) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        // Hibernate wraps driver errors; a wrapped domain exception is still the caller's fault.
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof DomainException d) {
                return domain(d, uri);
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException c) {
                return constraint(c, uri);
            }
            if (cause instanceof StaleStateException s) {
                return staleState(s, uri);
            }
            cause = cause.getCause();
        }
        java.util.Optional<Throwable> outage = DatabaseOutage.causeOf(e);
        if (outage.isPresent()) {
            return databaseUnavailable(outage.get(), uri);
        }
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return Response.status(500).type(Problem.MEDIA_TYPE)
                .entity(new Problem("/problems/internal", "Internal Server Error", 500,
                        "an unexpected error occurred; it has been logged", uri.getPath(), null, null))
                .build();
    }

    /**
     * The database is failing over or unreachable: a 503 with {@code Retry-After}, so clients and load
     * balancers retry, and one log line rather than a stack trace per request.
     */
    private Response databaseUnavailable(Throwable cause, UriInfo uri) {
        LOG.warnf("%s on %s", DatabaseOutage.describe(cause), uri.getPath());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", DATABASE_RETRY_AFTER_SECONDS)
                .entity(new Problem("/problems/database-unavailable", "Service Unavailable", 503,
                        "Vigil's database is unavailable (failing over or unreachable); try again in a few seconds. "
                                + "A change whose answer was lost may have been applied: check before repeating it.",
                        uri.getPath(), null, null))
                .build();
    }

    static int statusOf(DomainException e) {
        if (e instanceof UnprocessableException) return 422;
        if (e instanceof ValidationException) return 400;
        if (e instanceof AuthenticationRequiredException) return 401;
        if (e instanceof AccessDeniedException) return 403;
        if (e instanceof NotFoundException) return 404;
        if (e instanceof ConflictException) return 409;
        return 400;
    }

    private static String slugOf(DomainException e, int status) {
        return e instanceof ValidationException && status == 400 ? "validation" : slugOfStatus(status);
    }

    private static String slugOfStatus(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "business-rule";
            default -> "http-" + status;
        };
    }

    private static String titleOf(int status) {
        Response.Status s = Response.Status.fromStatusCode(status);
        if (status == 422) return "Unprocessable Content";
        return s != null ? s.getReasonPhrase() : "HTTP " + status;
    }

    /** {@code declare.request.levels[0].ackTimeout} → {@code levels[0].ackTimeout}: drop method and parameter. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE -> { }
                case PARAMETER -> parts.add("\u0000" + node.getName());
                default -> {
                    String name = node.getName();
                    String index = node.getIndex() != null ? "[" + node.getIndex() + "]" : "";
                    if (node.isInIterable() && !parts.isEmpty()) {
                        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + index);
                    }
                    if (name != null && !name.startsWith("<")) parts.add(name);
                }
            }
        }
        // A violation on the parameter itself (e.g. a missing body) is reported as "body";
        // otherwise the parameter name is noise in front of the field path.
        List<String> fields = parts.stream().filter(p -> !p.startsWith("\u0000")).toList();
        if (fields.isEmpty()) {
            String param = parts.isEmpty() ? "body" : parts.get(parts.size() - 1).substring(1);
            return param.equals("request") || param.equals("body") ? "body" : param;
        }
        return String.join(".", fields);
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String simpleTypeName(Class<?> type) {
        if (type == null) return "value";
        if (type == String.class) return "string";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) return "number";
        if (type == Boolean.class || type == boolean.class) return "boolean";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "array";
        if (type == java.time.Instant.class) return "ISO-8601 instant (e.g. 2026-01-31T08:00:00Z)";
        if (type == java.time.Duration.class) return "ISO-8601 duration (e.g. PT5M)";
        if (type == java.util.UUID.class) return "UUID";
        if (type.isRecord() || Map.class.isAssignableFrom(type)) return "object";
        return type.getSimpleName();
    }
}
