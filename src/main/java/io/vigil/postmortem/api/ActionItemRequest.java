package io.vigil.postmortem.api;

import io.vigil.postmortem.ActionItem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;

/** {@code POST /postmortems/{id}/action-items}; priority defaults to MEDIUM; a past due date is allowed. */
public record ActionItemRequest(@NotBlank @Size(max = 300) String title, UUID ownerId, LocalDate dueDate,
                                ActionItem.Priority priority) {
}
