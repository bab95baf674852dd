package io.vigil.slack.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vigil.common.problem.Problem;
import io.vigil.common.security.PublicEndpoint;
import io.vigil.slack.SlackCommands;
import io.vigil.slack.SlackInteractions;
import io.vigil.slack.SlackRequestVerifier;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The endpoints Slack calls (spec §3–§4): button clicks and slash commands. No bearer token: every
 * request must carry Slack's signature over its raw body, and anything else gets a bare 401. Served
 * under {@code /api/v1/slack} and, for Slack app manifests that use the spec's short form, under
 * {@code /slack} ({@link SlackAliasResource}).
 */
@Path("/api/v1/slack")
@Tag(name = "Slack")
public class SlackResource {

    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    static final String SIGNATURE = "X-Slack-Signature";

    @Inject
    SlackRequestVerifier verifier;

    @Inject
    SlackInteractions interactions;

    @Inject
    SlackCommands commands;

    @Inject
    ObjectMapper mapper;

    @POST
    @Path("interactions")
    @PublicEndpoint
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Slack interactivity (button clicks)", description = "Signed by Slack. Answers at once; "
            + "the click is handled right after.")
    public Uni<Response> interactions(@HeaderParam(TIMESTAMP) String timestamp,
                                      @HeaderParam(SIGNATURE) String signature, byte[] body) {
        return verifier.verify(timestamp, signature, body).map(valid -> {
            if (!valid) {
                return unauthorized();
            }
            JsonNode payload;
            try {
                payload = mapper.readTree(form(body).getOrDefault("payload", ""));
            } catch (IOException e) {
                payload = null;
            }
            if (payload == null || !payload.isObject()) {
                return badRequest("the body must be a form with a JSON 'payload' field");
            }
            interactions.accept(payload);
            return Response.ok().build();
        });
    }

    @POST
    @Path("commands")
    @PublicEndpoint
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Slack slash commands (/incident, /oncall)", description = "Signed by Slack. Answers "
            + "within 3 s with a message for the person who typed the command.")
    public Uni<Response> commands(@HeaderParam(TIMESTAMP) String timestamp, @HeaderParam(SIGNATURE) String signature,
                                  byte[] body) {
        return verifier.verify(timestamp, signature, body).flatMap(valid -> {
            if (!valid) {
                return Uni.createFrom().item(unauthorized());
            }
            Map<String, String> form = form(body);
            if (form.get("command") == null) {
                return Uni.createFrom().item(badRequest("the body must be a slash-command form with a 'command' field"));
            }
            return commands.run(form).map(reply -> Response.ok(Map.of(
                    "response_type", reply.inChannel() ? "in_channel" : "ephemeral",
                    "text", reply.text())).build());
        });
    }

    /** No detail on purpose: a caller without Slack's secret learns nothing about why. */
    private static Response unauthorized() {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .entity(new Problem("/problems/unauthorized", "Unauthorized", 401, null, null, null, null)).build();
    }

    private static Response badRequest(String detail) {
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(new Problem("/problems/bad-request", "Bad Request", 400, detail, null, null, null)).build();
    }

    /** An {@code application/x-www-form-urlencoded} body, decoded as UTF-8; the last value of a name wins. */
    static Map<String, String> form(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.put(name, value);
            } catch (IllegalArgumentException e) {
                // a malformed escape: that field is ignored, as a form parser would
            }
        }
        return fields;
    }
}
