package io.vigil.web;

import io.smallrye.mutiny.Uni;
import io.vigil.common.security.Caller;
import io.vigil.common.security.CurrentCaller;
import io.vigil.common.security.TokenAuthenticator;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Sessions of the web pages. Signing in exchanges an API token for a cookie that carries it —
 * {@code HttpOnly} (no script can read it), {@code Secure}, {@code SameSite=Strict} (no other site can
 * make the browser send it) — and every page request is authenticated from that cookie like an API
 * request from its bearer header. Forms also carry a token derived from the session ({@link #csrf}),
 * checked on every POST: a second line against cross-site requests.
 */
public class WebSession {

    static final String COOKIE = "vigil_session";
    /** Eight hours: a working shift. */
    static final int MAX_AGE_SECONDS = 8 * 3600;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    TokenAuthenticator authenticator;

    /** Pages need a session; without a valid one they send the browser to the sign-in page. */
    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!isPage(path)) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = request.getCookies().get(COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().item(toSignIn(path));
        }
        return authenticator.authenticate(cookie.getValue()).map(found -> {
            if (found.isEmpty()) {
                return toSignIn(path);
            }
            Caller caller = found.get();
            currentCaller.set(caller);
            return null;
        });
    }

    /** The web pages: everything but the API, Slack, Quarkus' own endpoints and the sign-in page. */
    static boolean isPage(String path) {
        return !(path.startsWith("/api/") || path.startsWith("/q/") || path.startsWith("/slack/")
                || path.equals("/login") || path.equals("/logout") || path.startsWith("/static/"));
    }

    static Response toSignIn(String path) {
        return Response.seeOther(URI.create("/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8)))
                .build();
    }

    static NewCookie cookie(String token, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(token).path("/").httpOnly(true).secure(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** The form token of a session: derived from it, so a page of another site cannot know it. */
    public static String csrf(String sessionToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("vigil-csrf:" + sessionToken).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Only a path of this site may follow a sign-in: never another origin. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/";
        }
        return next;
    }
}
