package io.vigil.incident.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.paging.PageView;
import io.vigil.common.security.Allowed;
import io.vigil.common.security.CurrentCaller;
import io.vigil.incident.CategoryService;
import io.vigil.user.Role;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/categories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Categories and severities")
public class CategoryResource {

    @Inject
    CategoryService categories;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "List incident categories")
    public Uni<PageView<CategoryView>> list() {
        return categories.list().map(list -> new PageView<>(list.stream().map(CategoryView::of).toList(), null));
    }

    @GET
    @Path("{code}")
    @Operation(summary = "Get a category")
    public Uni<CategoryView> get(@PathParam("code") String code) {
        return categories.get(code).map(CategoryView::of);
    }

    @POST
    @Allowed(Role.ADMIN)
    @Operation(summary = "Add a category (ADMIN)")
    public Uni<RestResponse<CategoryView>> add(@Valid @NotNull CreateCategoryRequest request, UriInfo uri) {
        return categories.add(request.code(), request.name(), request.description(), request.restrictedByDefault(),
                        caller.get())
                .map(saved -> RestResponse.ResponseBuilder.<CategoryView>created(uri.getAbsolutePathBuilder().path(saved.code).build())
                        .entity(CategoryView.of(saved)).build());
    }
}
