package io.vigil.user;

/**
 * What a user may do. Roles are additive: a user holds a set of them.
 * <ul>
 *   <li>RESPONDER — gets paged, declares incidents, adds notes.</li>
 *   <li>COMMANDER — runs incidents: status, severity, commander, participants.</li>
 *   <li>MANAGER — everything a commander does, plus policies (severities, later rotations).</li>
 *   <li>LEADERSHIP — reads incidents and reports.</li>
 *   <li>ADMIN — manages users, tokens and categories; sees every incident, reads the audit log.</li>
 * </ul>
 */
public enum Role {
    RESPONDER, COMMANDER, MANAGER, LEADERSHIP, ADMIN
}
