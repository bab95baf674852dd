package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.security.Caller;
import io.vigil.user.Role;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IncidentAccessTest {

    private final UUID declarer = UUID.randomUUID();
    private final UUID commander = UUID.randomUUID();

    private Incident incident(boolean restricted) {
        Incident i = new Incident();
        i.id = UUID.randomUUID();
        i.restricted = restricted;
        i.declaredBy = declarer;
        i.commanderId = commander;
        return i;
    }

    private static Caller caller(UUID id, Role... roles) {
        Set<Role> set = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
        return new Caller(id, "h", "H", set);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleSeesAnUnrestrictedIncident(Role role) {
        assertThat(IncidentAccess.canView(caller(UUID.randomUUID(), role), incident(false), false)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
    void noRoleButAdminSeesARestrictedIncidentByRoleAlone(Role role) {
        assertThat(IncidentAccess.canView(caller(UUID.randomUUID(), role), incident(true), false)).isFalse();
    }

    @Test
    void adminDeclarerCommanderAndParticipantsSeeARestrictedIncident() {
        Incident restricted = incident(true);
        assertThat(IncidentAccess.canView(caller(UUID.randomUUID(), Role.ADMIN), restricted, false)).isTrue();
        assertThat(IncidentAccess.canView(caller(declarer, Role.RESPONDER), restricted, false)).isTrue();
        assertThat(IncidentAccess.canView(caller(commander, Role.LEADERSHIP), restricted, false)).isTrue();
        assertThat(IncidentAccess.canView(caller(UUID.randomUUID(), Role.LEADERSHIP), restricted, true)).isTrue();
    }

    @Test
    void runningTakesARunningRoleOrBeingTheCommander() {
        Incident i = incident(false);
        assertThat(IncidentAccess.canRun(caller(UUID.randomUUID(), Role.COMMANDER), i)).isTrue();
        assertThat(IncidentAccess.canRun(caller(UUID.randomUUID(), Role.MANAGER), i)).isTrue();
        assertThat(IncidentAccess.canRun(caller(UUID.randomUUID(), Role.ADMIN), i)).isTrue();
        assertThat(IncidentAccess.canRun(caller(UUID.randomUUID(), Role.RESPONDER), i)).isFalse();
        assertThat(IncidentAccess.canRun(caller(UUID.randomUUID(), Role.LEADERSHIP), i)).isFalse();
        assertThat(IncidentAccess.canRun(caller(commander, Role.RESPONDER), i)).isTrue();
        assertThat(IncidentAccess.canRun(caller(declarer, Role.RESPONDER), i)).isFalse();
    }

    @Test
    void declaringAndNoting() {
        Incident i = incident(false);
        assertThat(IncidentAccess.canDeclare(caller(UUID.randomUUID(), Role.RESPONDER))).isTrue();
        assertThat(IncidentAccess.canDeclare(caller(UUID.randomUUID(), Role.LEADERSHIP))).isFalse();
        assertThat(IncidentAccess.canNote(caller(UUID.randomUUID(), Role.LEADERSHIP), i, false)).isFalse();
        assertThat(IncidentAccess.canNote(caller(UUID.randomUUID(), Role.LEADERSHIP), i, true)).isTrue();
        assertThat(IncidentAccess.canNote(caller(commander, Role.LEADERSHIP), i, false)).isTrue();
    }
}
