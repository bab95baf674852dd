package io.vigil.paging.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.paging.PageView;
import io.vigil.common.problem.FieldError;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.Allowed;
import io.vigil.common.security.CurrentCaller;
import io.vigil.paging.EscalationPolicy;
import io.vigil.paging.EscalationPolicyService;
import io.vigil.paging.EscalationRules;
import io.vigil.paging.EscalationTarget;
import io.vigil.user.Role;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/escalation-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Paging")
public class EscalationPolicyResource {

    @Inject
    EscalationPolicyService policies;

    @Inject
    CurrentCaller caller;

    @POST
    @Allowed({Role.MANAGER, Role.ADMIN})
    @Operation(summary = "Create an escalation policy (MANAGER, ADMIN)")
    public Uni<RestResponse<EscalationPolicyView>> create(@Valid @NotNull EscalationPolicyRequest request, UriInfo uri) {
        return policies.create(definition(request), caller.get()).map(saved -> RestResponse.ResponseBuilder
                .<EscalationPolicyView>created(uri.getAbsolutePathBuilder().path(saved.id.toString()).build())
                .entity(view(saved)).build());
    }

    @GET
    @Operation(summary = "List escalation policies", description = "The seeded default first.")
    public Uni<PageView<EscalationPolicyView>> list() {
        return policies.list().map(list -> new PageView<>(list.stream().map(this::view).toList(), null));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get an escalation policy")
    public Uni<EscalationPolicyView> get(@PathParam("id") String id) {
        return policies.get(Params.pathId("escalation policy", id)).map(this::view);
    }

    @PUT
    @Path("{id}")
    @Allowed({Role.MANAGER, Role.ADMIN})
    @Operation(summary = "Replace an escalation policy (MANAGER, ADMIN)")
    public Uni<EscalationPolicyView> update(@PathParam("id") String id, @Valid @NotNull EscalationPolicyRequest request) {
        return policies.update(Params.pathId("escalation policy", id), definition(request), caller.get()).map(this::view);
    }

    @DELETE
    @Path("{id}")
    @Allowed({Role.MANAGER, Role.ADMIN})
    @Operation(summary = "Delete an escalation policy (MANAGER, ADMIN)", description = "The default cannot be deleted (409).")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return policies.delete(Params.pathId("escalation policy", id), caller.get()).map(v -> RestResponse.noContent());
    }

    private EscalationPolicyView view(EscalationPolicy p) {
        EscalationRules rules = policies.rules(p);
        return new EscalationPolicyView(p.id, p.name, p.severities, p.categories, rules.levels(), rules.repeat(),
                p.isDefault, p.createdAt, p.updatedAt);
    }

    /** Maps the request, naming the field of a target that lacks its region or user. */
    private static EscalationPolicyService.Definition definition(EscalationPolicyRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<EscalationRules.Level> levels = new ArrayList<>();
        for (int i = 0; i < request.levels().size(); i++) {
            EscalationPolicyRequest.Level level = request.levels().get(i);
            List<EscalationTarget> targets = new ArrayList<>();
            for (int j = 0; j < level.targets().size(); j++) {
                EscalationPolicyRequest.Target t = level.targets().get(j);
                String at = "levels[" + i + "].targets[" + j + "]";
                switch (t.type()) {
                    case REGION_PRIMARY, REGION_SECONDARY -> {
                        if (t.region() == null) errors.add(new FieldError(at + ".region", "is required for " + t.type()));
                    }
                    case USER -> {
                        if (t.userId() == null) errors.add(new FieldError(at + ".userId", "is required for USER"));
                    }
                    default -> { }
                }
                if (t.type() != EscalationTarget.Type.USER && t.userId() != null) {
                    errors.add(new FieldError(at + ".userId", "only a USER target names a user"));
                }
                if (errors.isEmpty()) {
                    targets.add(new EscalationTarget(t.type(), t.region(), t.userId()));
                }
            }
            if (errors.isEmpty()) {
                levels.add(new EscalationRules.Level(targets, level.ackTimeout()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new EscalationPolicyService.Definition(request.name(),
                request.severities() == null ? List.of() : request.severities().stream().map(Enum::name).distinct().toList(),
                request.categories() == null ? List.of() : request.categories().stream().distinct().toList(),
                levels, request.repeat() == null ? 0 : request.repeat());
    }
}
