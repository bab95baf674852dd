package io.vigil.common.security;

import io.vigil.user.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Roles that may call a resource method (any one suffices). Checked by {@link BearerAuthFilter}
 * after authentication and before the body is read. Methods without it are open to every
 * authenticated caller; finer, per-incident rules live in the services.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {
    Role[] value();
}
