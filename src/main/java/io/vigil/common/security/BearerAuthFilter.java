package io.vigil.common.security;

import io.smallrye.mutiny.Uni;
import io.vigil.common.problem.AccessDeniedException;
import io.vigil.common.problem.AuthenticationRequiredException;
import io.vigil.user.Role;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /api/v1} request by its bearer token (401 when missing, unknown or
 * revoked) and enforces {@link Allowed} (403). Runs before the request body is read, so an
 * unauthenticated caller learns nothing about what a valid body would be.
 */
public class BearerAuthFilter {

    private static final String API_PREFIX = "/api/";

    @Inject
    CurrentCaller currentCaller;

    @Inject
    TokenAuthenticator authenticator;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (!request.getUriInfo().getPath().startsWith(API_PREFIX)
                || resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(PublicEndpoint.class)) {
            return Uni.createFrom().voidItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return Uni.createFrom().failure(new AuthenticationRequiredException(
                    "send an API token as 'Authorization: Bearer <token>'"));
        }
        return authenticator.authenticate(header.substring(7).trim())
                .onItem().transform(found -> {
                    Caller caller = found.orElseThrow(() -> new AuthenticationRequiredException(
                            "the bearer token is unknown, revoked, or belongs to a deactivated user"));
                    currentCaller.set(caller);
                    authorize(caller, resource);
                    return null;
                });
    }

    private static void authorize(Caller caller, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Allowed allowed = method.getAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(Allowed.class);
        }
        if (allowed != null && !caller.hasAny(allowed.value())) {
            throw new AccessDeniedException("this action needs one of the roles "
                    + Arrays.stream(allowed.value()).map(Role::name).collect(Collectors.joining(", ")));
        }
    }
}
