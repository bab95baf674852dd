package io.vigil.common.problem;

/** A resource that does not exist, or that the caller may not know exists (restricted incidents). */
public class NotFoundException extends DomainException {

    public NotFoundException(String detail) {
        super(detail);
    }

    public static NotFoundException of(String entity, Object id) {
        return new NotFoundException(entity + " " + id + " was not found");
    }
}
