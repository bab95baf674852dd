package io.vigil.oncall.api;

import io.vigil.common.security.UserRef;
import java.time.Instant;

/** The global CRT duty lead; {@code user} is null until one is set. */
public record DutyLeadView(UserRef user, Instant updatedAt) {
}
