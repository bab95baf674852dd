package io.vigil.paging;

import io.vigil.oncall.OnCallBoard;
import io.vigil.oncall.Region;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns targets into people at one instant, from the on-call answer of that instant (which already
 * applies overrides and, in a gap, names the region that kept the pager), the region managers and
 * the duty lead. A target nobody fills resolves to nobody; the caller records that loudly.
 */
public final class TargetResolver {

    private TargetResolver() {
    }

    /** Everyone the targets name, each once, in target order. */
    public static List<UUID> resolve(List<EscalationTarget> targets, OnCallBoard.Answer onCall,
                                     Map<Region, UUID> managers, UUID dutyLead) {
        Set<UUID> people = new LinkedHashSet<>();
        for (EscalationTarget target : targets) {
            UUID who = switch (target.type()) {
                case ACTIVE_PRIMARY -> region(onCall, onCall.activeRegion()).primary();
                case ACTIVE_SECONDARY -> region(onCall, onCall.activeRegion()).secondary();
                case REGION_PRIMARY -> region(onCall, target.region()).primary();
                case REGION_SECONDARY -> region(onCall, target.region()).secondary();
                case REGION_MANAGER -> managers.get(target.region() != null ? target.region() : onCall.activeRegion());
                case DUTY_LEAD -> dutyLead;
                case USER -> target.userId();
            };
            if (who != null) {
                people.add(who);
            }
        }
        return new ArrayList<>(people);
    }

    private static OnCallBoard.RegionOnCall region(OnCallBoard.Answer onCall, Region region) {
        return onCall.regions().stream().filter(r -> r.region() == region).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no on-call answer for " + region));
    }
}
