package io.vigil.paging;

import io.vigil.oncall.Region;
import java.util.UUID;

/**
 * Whom an escalation level notifies (spec §3): the active region's PRIMARY or SECONDARY, a given
 * region's, a region manager (the active region's when {@code region} is null), the duty lead,
 * or one user.
 */
public record EscalationTarget(Type type, Region region, UUID userId) {

    public enum Type {
        ACTIVE_PRIMARY, ACTIVE_SECONDARY, REGION_PRIMARY, REGION_SECONDARY, REGION_MANAGER, DUTY_LEAD, USER
    }

    public EscalationTarget {
        if (type == null) {
            throw new IllegalArgumentException("a target needs a type");
        }
        if ((type == Type.REGION_PRIMARY || type == Type.REGION_SECONDARY) && region == null) {
            throw new IllegalArgumentException(type + " needs a region");
        }
        if (type == Type.USER && userId == null) {
            throw new IllegalArgumentException("USER needs a userId");
        }
    }

    public static EscalationTarget of(Type type) {
        return new EscalationTarget(type, null, null);
    }
}
