package io.vigil.audit.api;

import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditQuery;
import io.vigil.audit.AuditService;
import io.vigil.common.api.Params;
import io.vigil.common.json.StoredJson;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.paging.PageView;
import io.vigil.common.security.Allowed;
import io.vigil.common.security.UserRef;
import io.vigil.user.Role;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    @Inject
    AuditService audit;

    @Inject
    StoredJson json;

    @GET
    @Allowed(Role.ADMIN)
    @Operation(summary = "Search the audit log (ADMIN)", description = "Newest first. `to` is exclusive; `actor` is a user id.")
    public Uni<PageView<AuditEntryView>> search(@QueryParam("from") String from, @QueryParam("to") String to,
                                                @QueryParam("actor") String actor,
                                                @QueryParam("entityType") String entityType,
                                                @QueryParam("entityId") String entityId,
                                                @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        Instant fromAt = Params.instant("from", from);
        Instant toAt = Params.instant("to", to);
        Params.range(fromAt, toAt);
        AuditQuery query = new AuditQuery(fromAt, toAt, Params.uuid("actor", actor),
                blankToNull(entityType), blankToNull(entityId));
        return audit.search(query, PageRequest.of(cursor, limit)).map(page -> page.map(this::view));
    }

    private AuditEntryView view(AuditEntry e) {
        UserRef actor = e.actorId == null ? null : new UserRef(e.actorId, e.actorHandle, e.actorDisplayName);
        return new AuditEntryView(e.id, e.at, actor, e.action, e.entityType, e.entityId, json.read(e.beforeJson),
                json.read(e.afterJson));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
