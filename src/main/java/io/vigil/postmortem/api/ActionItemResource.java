package io.vigil.postmortem.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.paging.PageView;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.CurrentCaller;
import io.vigil.postmortem.ActionItem;
import io.vigil.postmortem.PostmortemService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /action-items}: the follow-ups across post-mortems, and changing one. */
@Path("/api/v1/action-items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Post-mortems")
public class ActionItemResource {

    @Inject
    PostmortemService postmortems;

    @Inject
    PostmortemViews views;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "List action items", description = "Newest first; filters `status`, `overdue` (true/false), "
            + "`owner` (a user id), `postmortemId`; `cursor`/`limit` paging.")
    public Uni<PageView<ActionItemView>> list(@QueryParam("status") String status, @QueryParam("overdue") String overdue,
                                              @QueryParam("owner") String owner,
                                              @QueryParam("postmortemId") String postmortemId,
                                              @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        PostmortemService.ActionItemQuery query = new PostmortemService.ActionItemQuery(
                Params.enumValue("status", status, ActionItem.Status.class), bool("overdue", overdue),
                Params.uuid("owner", owner), Params.uuid("postmortemId", postmortemId));
        return postmortems.actionItems(query, PageRequest.of(cursor, limit), caller.get())
                .flatMap(page -> views.of(page.items()).map(items -> new PageView<>(items, page.nextCursor())));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change an action item", description = "Those who run the incident may change anything; "
            + "the item's owner too. Absent fields are left as they are.")
    public Uni<ActionItemView> change(@PathParam("id") String id, @Valid @NotNull ActionItemPatchRequest request) {
        return postmortems.changeActionItem(Params.pathId("action item", id), new PostmortemService.ActionItemChange(
                        request.title(), request.ownerId(), request.dueDate(), request.priority(), request.status()),
                        caller.get())
                .flatMap(item -> views.of(List.of(item))).map(list -> list.get(0));
    }

    private static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw ValidationException.of(name, "must be true or false");
    }
}
