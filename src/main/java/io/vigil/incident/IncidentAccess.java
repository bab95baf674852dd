package io.vigil.incident;

import io.vigil.common.security.Caller;
import io.vigil.user.Role;
import java.util.UUID;

/**
 * Who may see and act on an incident.
 * <ul>
 *   <li>A restricted incident is visible only to ADMINs, its declarer, its commander and its
 *       participants; for everyone else it does not exist.</li>
 *   <li>Running an incident (status, severity, commander, participants) takes COMMANDER, MANAGER
 *       or ADMIN — or being that incident's commander.</li>
 *   <li>Declaring and adding notes takes RESPONDER or any running role; an incident's commander
 *       and participants may always add notes to it.</li>
 * </ul>
 */
public final class IncidentAccess {

    private IncidentAccess() {
    }

    public static boolean canView(Caller caller, Incident incident, boolean isParticipant) {
        return !incident.restricted
                || caller.isAdmin()
                || caller.id().equals(incident.declaredBy)
                || caller.id().equals(incident.commanderId)
                || isParticipant;
    }

    public static boolean canRun(Caller caller, Incident incident) {
        return caller.hasAny(Role.COMMANDER, Role.MANAGER, Role.ADMIN) || caller.id().equals(incident.commanderId);
    }

    public static boolean canDeclare(Caller caller) {
        return caller.hasAny(Role.RESPONDER, Role.COMMANDER, Role.MANAGER, Role.ADMIN);
    }

    public static boolean canNote(Caller caller, Incident incident, boolean isParticipant) {
        return canDeclare(caller) || caller.id().equals(incident.commanderId) || isParticipant;
    }
}
