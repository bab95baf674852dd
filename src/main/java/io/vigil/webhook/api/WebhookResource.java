package io.vigil.webhook.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.paging.PageView;
import io.vigil.common.security.Allowed;
import io.vigil.common.security.CurrentCaller;
import io.vigil.user.Role;
import io.vigil.webhook.WebhookDelivery;
import io.vigil.webhook.WebhookService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Outbound webhook subscriptions (spec §5). ADMIN only: they send incident data out of Vigil. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@Allowed(Role.ADMIN)
public class WebhookResource {

    @Inject
    WebhookService webhooks;

    @Inject
    CurrentCaller caller;

    @POST
    @Operation(summary = "Subscribe a receiver to events (ADMIN)",
            description = "Deliveries are signed: X-Vigil-Signature: v1=<hex HMAC-SHA256 of \"<X-Vigil-Timestamp>.<body>\">.")
    public Uni<RestResponse<WebhookView>> create(@Valid @NotNull WebhookRequest request, UriInfo uri) {
        return webhooks.create(request.url(), request.secret(), request.events(), caller.get())
                .map(saved -> RestResponse.ResponseBuilder.<WebhookView>created(
                        uri.getAbsolutePathBuilder().path(saved.id.toString()).build()).entity(WebhookView.of(saved)).build());
    }

    @GET
    @Operation(summary = "List webhook subscriptions (ADMIN)")
    public Uni<PageView<WebhookView>> list() {
        return webhooks.list().map(all -> new PageView<>(all.stream().map(WebhookView::of).toList(), null));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a webhook subscription (ADMIN)", description = "Pending deliveries are cancelled.")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return webhooks.delete(Params.pathId("webhook subscription", id), caller.get())
                .map(v -> RestResponse.noContent());
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "Recent deliveries of a subscription (ADMIN)",
            description = "Newest first; `status` PENDING, DELIVERED, FAILED or CANCELLED; `limit` up to 200.")
    public Uni<PageView<WebhookDeliveryView>> deliveries(@PathParam("id") String id, @QueryParam("status") String status,
                                                         @QueryParam("limit") String limit) {
        int size = PageRequest.of(null, limit).limit();
        return webhooks.deliveries(Params.pathId("webhook subscription", id),
                        Params.enumValue("status", status, WebhookDelivery.Status.class), size)
                .map(list -> new PageView<>(list.stream().map(WebhookDeliveryView::of).toList(), null));
    }
}
