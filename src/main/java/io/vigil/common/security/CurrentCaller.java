package io.vigil.common.security;

import io.vigil.common.problem.AuthenticationRequiredException;
import jakarta.enterprise.context.RequestScoped;

/** Holds the {@link Caller} of the current request, set once by {@link BearerAuthFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    /** For the authentication filters only: the API's bearer token, the web pages' session cookie. */
    public void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new AuthenticationRequiredException("a bearer token is required");
        }
        return caller;
    }
}
