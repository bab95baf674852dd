package io.vigil.incident.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.paging.PageView;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.security.Allowed;
import io.vigil.common.security.CurrentCaller;
import io.vigil.incident.Severity;
import io.vigil.incident.SeverityPolicyService;
import io.vigil.user.Role;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/severities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Categories and severities")
public class SeverityPolicyResource {

    @Inject
    SeverityPolicyService policies;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "The severity policy, SEV1 first")
    public Uni<PageView<SeverityPolicyView>> list() {
        return policies.list().map(list -> new PageView<>(list.stream().map(SeverityPolicyView::of).toList(), null));
    }

    @GET
    @Path("{severity}")
    @Operation(summary = "One severity's policy")
    public Uni<SeverityPolicyView> get(@PathParam("severity") String severity) {
        return policies.get(severity(severity)).map(SeverityPolicyView::of);
    }

    @PUT
    @Path("{severity}")
    @Allowed({Role.MANAGER, Role.ADMIN})
    @Operation(summary = "Replace one severity's policy (MANAGER, ADMIN)")
    public Uni<SeverityPolicyView> update(@PathParam("severity") String severity,
                                          @Valid @NotNull UpdateSeverityPolicyRequest request) {
        return policies.update(severity(severity), request.description(), request.pageOnDeclare(),
                request.ackTimeout(), request.leadershipNotified(), request.postmortemRequired(), caller.get())
                .map(SeverityPolicyView::of);
    }

    private static Severity severity(String value) {
        try {
            return Severity.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw NotFoundException.of("severity", value);
        }
    }
}
