package io.vigil.postmortem.api;

import io.vigil.postmortem.ActionItem;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;

/** {@code PATCH /action-items/{id}}: any of the fields; absent ones are left as they are. */
public record ActionItemPatchRequest(@Size(max = 300) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
                                     String title, UUID ownerId, LocalDate dueDate, ActionItem.Priority priority,
                                     ActionItem.Status status) {
}
