package io.vigil;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** OpenAPI metadata: every operation takes an opaque bearer token (Swagger UI's "Authorize" button). */
@OpenAPIDefinition(
        info = @Info(title = "Vigil API", version = "1",
                description = "Incident and crisis response on-call service for trust & safety operations. "
                        + "Errors are RFC 9457 application/problem+json."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token from POST /api/v1/users/{id}/tokens, or the bootstrap token")
public class VigilApi extends Application {
}
